// electron-builder.yml is checked against electron-builder's own JSON schema (app-builder-lib's
// scheme.json, the one electron-builder validates with), plus what this app needs to really ship.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// Both already in node_modules (electron-builder's own dependencies); no types are shipped for js-yaml.
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: Record<string, unknown>) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
};

const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as unknown;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { main: string; dependencies: Record<string, string> };

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
});
