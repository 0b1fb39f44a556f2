// electron-builder.yml is checked against electron-builder's own JSON schema (app-builder-lib's
// scheme.json, the one electron-builder validates with), plus what this app needs to really ship:
// icons at the paths it names (rendered here from electron/assets/icon.svg, as `npm run dist`
// does) and accepted by electron-builder's own icon resolver, and an HTTPS update feed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// Declared devDependencies (the same versions electron-builder validates with); js-yaml ships no types.
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: Record<string, unknown>) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
};

const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as unknown;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
  desktopName?: string;
};
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// electron-builder's own icon lookup and macro expansion (app-builder-lib, already in node_modules).
type IconFormat = 'icns' | 'ico' | 'set';
const { convertIcon } = require('app-builder-lib/out/util/iconConverter') as {
  convertIcon(options: { sources: string[]; fallbackSources: string[]; roots: string[]; format: IconFormat; outDir: string }): Promise<{
    icons: { file: string; size: number }[];
    isFallback: boolean;
  }>;
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander') as {
  expandMacro(pattern: string, arch: string | null, appInfo: object, extra?: Record<string, string>): string;
};

function section(platform: string): Record<string, unknown> {
  return (config[platform] ?? {}) as Record<string, unknown>;
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The images in an .icns file: OSType → embedded PNG. */
function icnsImages(file: Buffer): Map<string, Buffer> {
  expect(file.toString('ascii', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const images = new Map<string, Buffer>();
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset + 4);
    images.set(file.toString('ascii', offset, offset + 4), file.subarray(offset + 8, offset + length));
    offset += length;
  }
  return images;
}

/** The sizes listed in an .ico file's directory (0 means 256). */
function icoSizes(file: Buffer): number[] {
  expect(file.readUInt16LE(0)).toBe(0);
  expect(file.readUInt16LE(2)).toBe(1);
  return Array.from({ length: file.readUInt16LE(4) }, (_, index) => file[6 + index * 16] || 256);
}

/** What electron-builder does with the configured icon for a format: the file(s) it would use. */
async function resolvedByElectronBuilder(platform: string, format: IconFormat): Promise<{ file: string; size: number }[]> {
  const buildResources = (config.directories as { buildResources?: string } | undefined)?.buildResources ?? 'build';
  const result = await convertIcon({
    sources: [section(platform).icon as string],
    fallbackSources: [],
    roots: [path.join(ROOT, buildResources), ROOT],
    format,
    // Only used when it has to convert, which these icons never need.
    outDir: path.join(ROOT, 'release', `.icon-${format}`),
  });
  expect(result.isFallback).toBe(false);
  return result.icons;
}

function targets(platform: string): string[] {
  const section = config[platform] as { target?: (string | { target: string })[] } | undefined;
  return (section?.target ?? []).map((target) => (typeof target === 'string' ? target : target.target));
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema", () => {
    // The schema uses keywords ajv does not know in strict mode (e.g. tsType); electron-builder validates loosely too.
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors?.map((error) => `${error.instancePath} ${error.message}`) ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be caught by the schema if it were wrong', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, linx: { target: ['AppImage'] } })).toBe(false);
    expect(validate({ ...config, asarUnpack: 42 })).toBe(false);
  });

  it('names the app and builds AppImage + deb, NSIS and dmg', () => {
    expect(config).toMatchObject({ appId: 'com.mitilena.counter', productName: 'Mitilena Counter', asar: true });
    expect(targets('linux').sort()).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
  });

  it('unpacks the native addons (better-sqlite3 and the ngrok platform package) from the asar archive', () => {
    const unpack = config.asarUnpack as string[];
    expect(unpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/@ngrok/**/*.node']));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', '@ngrok/ngrok']));
  });

  it('ships the bundles, not the sources, and trims build leftovers', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'package.json', '!dist/**/*.map', '!dist/serve.js']));
    expect(files.some((pattern) => pattern.startsWith('electron') || pattern.startsWith('renderer') || pattern.startsWith('test'))).toBe(false);
    expect(files).toEqual(expect.arrayContaining(['!**/node_modules/better-sqlite3/{deps,src,docs,benchmark}/**', '!**/node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps}/**']));
    expect(pkg.main.startsWith('dist/')).toBe(true);
  });

  describe('icons', () => {
    beforeAll(() => {
      // `npm run dist` renders them before electron-builder runs; a fresh clone has none yet.
      const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'icons.mjs')], { cwd: ROOT, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    it('renders them from the one SVG in the repository before every npm run dist', () => {
      expect(readFileSync(path.join(ROOT, 'electron', 'assets', 'icon.svg'), 'utf8')).toMatch(/^<svg[^>]*viewBox="0 0 16 16"/);
      expect(pkg.scripts.dist).toMatch(/npm run icons && electron-builder/);
      expect(pkg.scripts.icons).toBe('node scripts/icons.mjs');
    });

    it('names an icon for Linux, Windows and macOS, and each exists at the path it names', () => {
      for (const platform of ['linux', 'win', 'mac']) {
        const icon = section(platform).icon;
        expect(typeof icon, platform).toBe('string');
        expect(existsSync(path.join(ROOT, icon as string)), `${platform}: ${String(icon)}`).toBe(true);
      }
      // The running app does not read them: only the installers carry them.
      expect(config.files as string[]).toContain('!dist/icons/**');
    });

    it('gives Linux one PNG per size from 16 to 1024 px, each the size its name says', async () => {
      const dir = path.join(ROOT, section('linux').icon as string);
      expect(statSync(dir).isDirectory()).toBe(true);
      const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
      expect(readdirSync(dir).sort()).toEqual(sizes.map((size) => `${size}x${size}.png`).sort());
      for (const size of sizes) expect(pngSize(readFileSync(path.join(dir, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
      const resolved = await resolvedByElectronBuilder('linux', 'set');
      expect(resolved.map((icon) => icon.size)).toEqual(sizes);
    });

    it('gives Windows one .ico with 16 to 256 px, which electron-builder takes as it is', async () => {
      const file = path.join(ROOT, section('win').icon as string);
      expect(icoSizes(readFileSync(file))).toEqual([16, 24, 32, 48, 64, 128, 256]);
      expect(await resolvedByElectronBuilder('win', 'ico')).toEqual([{ file, size: 256 }]);
    });

    it('gives macOS one .icns with every size iconutil writes, Retina included', async () => {
      const file = path.join(ROOT, section('mac').icon as string);
      const images = icnsImages(readFileSync(file));
      const expected: Record<string, number> = { icp4: 16, ic11: 32, icp5: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 };
      expect([...images.keys()].sort()).toEqual(Object.keys(expected).sort());
      for (const [type, size] of Object.entries(expected)) expect(pngSize(images.get(type)!), type).toEqual({ width: size, height: size });
      expect((await resolvedByElectronBuilder('mac', 'icns')).map((icon) => icon.file)).toEqual([file]);
    });
  });

  it('has a product name, no file associations or URL schemes, and Linux desktop categories', () => {
    expect(config.productName).toBe('Mitilena Counter');
    expect(config.fileAssociations).toBeUndefined();
    expect(config.protocols).toBeUndefined();
    for (const platform of ['linux', 'win', 'mac']) expect(section(platform).fileAssociations).toBeUndefined();
    // electron-builder writes linux.category as the desktop entry's Categories=: a registered main
    // category first, then the additional one that refines it.
    const categories = String(section('linux').category).split(';').filter(Boolean);
    expect(categories).toEqual(['Office', 'Finance']);
    // The window's app_id / WM_CLASS matches the desktop entry electron-builder installs (<name>.desktop).
    expect(pkg.desktopName).toBe('mitilena-counter.desktop');
  });

  it('points updates at a generic HTTPS feed per OS and architecture', () => {
    const publish = config.publish as { provider: string; url: string; channel?: string };
    expect(publish.provider).toBe('generic');
    const url = new URL(expandMacro(publish.url, 'x64', {}, { os: 'linux' }));
    expect(url.protocol).toBe('https:');
    expect(url.pathname).toBe('/counter/linux/x64');
    expect(expandMacro(publish.url, 'arm64', {}, { os: 'mac' })).toMatch(/\/counter\/mac\/arm64$/);
  });
});
