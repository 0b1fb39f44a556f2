// `npm start`'s launcher (scripts/start.mjs) on a machine where Electron's downloads fail: it
// must say what failed, how to fix it and that `npm run serve` works now, in one paragraph, exit
// non-zero, and leave nothing half-installed. Run on a throwaway copy of the project
// (helpers/start-project.ts) with every download pointed at a closed port or a loopback mirror.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tarGz, zip } from '../helpers/archives.js';
import { freePort } from '../helpers/ports.js';
import { mirror, runScript, startEnv, startProject, type Run, type StartProject } from '../helpers/start-project.js';

const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (JSON.parse(readFileSync(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const ZIP_NAME = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
const HEADERS_TARBALL = `node-v${ELECTRON_VERSION}-headers.tar.gz`;

const projects: StartProject[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const project of projects.splice(0)) project.remove();
});

function project(): StartProject {
  const created = startProject();
  projects.push(created);
  return created;
}

/** A port nothing listens on: connecting to it is refused at once, offline and deterministically. */
async function closedUrl(suffix = ''): Promise<string> {
  return `http://127.0.0.1:${await freePort()}${suffix}`;
}

/** The launcher's failure: exactly one paragraph on stderr, no stack trace. */
function paragraph(run: Run): string {
  const text = run.stderr.trim();
  expect(text).not.toBe('');
  expect(text.split(/\n\s*\n/)).toHaveLength(1);
  expect(text).not.toMatch(/^\s+at /m);
  return text.replace(/\s*\n\s*/g, ' ');
}

function expectNothingHalfInstalled(target: StartProject): void {
  expect(existsSync(path.join(target.electronDir, 'dist'))).toBe(false);
  expect(existsSync(path.join(target.electronDir, 'path.txt'))).toBe(false);
  // The build comes after the downloads: a failed download never gets that far.
  expect(existsSync(path.join(target.root, 'dist'))).toBe(false);
}

/** A stand-in Electron release: the files install.js checks, and an executable. */
function fakeElectronZip(options: { damaged?: boolean } = {}): Buffer {
  return zip([
    { name: 'version', data: `v${ELECTRON_VERSION}` },
    { name: 'LICENSE', data: 'stand-in for a test\n' },
    { name: 'electron', data: '#!/bin/sh\necho stand-in electron "$@"\n', mode: 0o755, wrongCrc: options.damaged ?? false },
  ]);
}

/** Serves the zip and the SHASUMS256.txt that electron_use_remote_checksums makes @electron/get check it against. */
async function electronMirror(body: Buffer): Promise<{ url: string; requests: string[] }> {
  const sha = createHash('sha256').update(body).digest('hex');
  const server = await mirror({
    [`/v${ELECTRON_VERSION}/${ZIP_NAME}`]: body,
    [`/v${ELECTRON_VERSION}/SHASUMS256.txt`]: `${sha} *${ZIP_NAME}\n`,
  });
  closers.push(server.close);
  return { url: `${server.url}/`, requests: server.requests };
}

function cacheFiles(target: StartProject): string[] {
  if (!existsSync(target.electronCache)) return [];
  return readdirSync(target.electronCache, { recursive: true }).map(String).filter((name) => name.endsWith('.zip'));
}

function expectNoElectronNativeLeftovers(target: StartProject): void {
  const out = path.join(target.root, '.electron-native');
  const left = existsSync(out) ? readdirSync(out) : [];
  expect(left).toEqual([]);
  // node-gyp rolls back a failed header download: no half-filled headers folder.
  expect(existsSync(path.join(target.home, '.electron-gyp', ELECTRON_VERSION))).toBe(false);
}

// Each test starts a few Node processes and copies better-sqlite3's sources: room for a busy machine.
describe('npm start when Electron cannot be downloaded', { timeout: 90_000 }, () => {
  it("says in one paragraph that Electron's binary could not be downloaded, points to npm run serve, and exits non-zero", async () => {
    const target = project();
    const closedMirror = await closedUrl('/');
    const run = await runScript(target, 'start.mjs', startEnv(target, { ELECTRON_MIRROR: closedMirror }));

    expect(run.code).toBe(1);
    const text = paragraph(run);
    expect(text).toContain(`Electron's binary (${ZIP_NAME}) could not be downloaded from ${closedMirror}v${ELECTRON_VERSION}/${ZIP_NAME}`);
    expect(text).toContain('ECONNREFUSED');
    expect(text).toMatch(/HTTPS_PROXY/);
    expect(text).toMatch(/ELECTRON_MIRROR/);
    expect(text).toContain('npm run serve runs the same app in your browser now');
    expectNothingHalfInstalled(target);
    expect(cacheFiles(target)).toEqual([]);
  });

  it('answers the same way when the mirror answers 404 or a zip whose checksum is wrong', async () => {
    const target = project();
    const empty = await mirror({});
    closers.push(empty.close);
    const notFound = await runScript(target, 'start.mjs', startEnv(target, { ELECTRON_MIRROR: `${empty.url}/` }));
    expect(notFound.code).toBe(1);
    expect(paragraph(notFound)).toMatch(/could not be downloaded from .* \(Response code 404 \(Not Found\)/);

    // Electron's own checksums.json is the reference: a zip from a tampered mirror is refused.
    const tampered = await electronMirror(fakeElectronZip());
    const wrongSum = await runScript(target, 'start.mjs', startEnv(target, { ELECTRON_MIRROR: tampered.url }));
    expect(wrongSum.code).toBe(1);
    expect(paragraph(wrongSum)).toMatch(/could not be downloaded from .*checksum/i);
    expect(tampered.requests).not.toContain(`/v${ELECTRON_VERSION}/SHASUMS256.txt`);
    expectNothingHalfInstalled(target);
    expect(cacheFiles(target)).toEqual([]);
  });

  it('removes a half-unpacked Electron when the downloaded zip cannot be unpacked', async () => {
    const target = project();
    const damaged = await electronMirror(fakeElectronZip({ damaged: true }));
    const run = await runScript(target, 'start.mjs', startEnv(target, { ELECTRON_MIRROR: damaged.url, electron_use_remote_checksums: '1' }));

    expect(run.code).toBe(1);
    expect(paragraph(run)).toMatch(new RegExp(`Electron's binary \\(${ZIP_NAME}\\) was downloaded but could not be unpacked into .*dist \\(.*checksum`, 'i'));
    expectNothingHalfInstalled(target);
    // Not kept for the next start to trip over again.
    expect(cacheFiles(target)).toEqual([]);
  });

  it("installs Electron from a mirror, then says in one paragraph that Electron's headers could not be downloaded", async () => {
    const target = project();
    const release = await electronMirror(fakeElectronZip());
    const closedHeaders = await closedUrl('/headers');
    const run = await runScript(
      target,
      'start.mjs',
      startEnv(target, { ELECTRON_MIRROR: release.url, electron_use_remote_checksums: '1', ELECTRON_HEADERS_URL: closedHeaders, npm_config_build_from_source: 'true' }),
    );

    expect(run.code).toBe(1);
    const text = paragraph(run);
    expect(text).toContain(`Electron ${ELECTRON_VERSION}'s headers, needed to compile better-sqlite3 for Electron because npm_config_build_from_source is set`);
    expect(text).toContain(`could not be downloaded from ${closedHeaders}/v${ELECTRON_VERSION}/${HEADERS_TARBALL}`);
    expect(text).toContain('ECONNREFUSED');
    expect(text).toContain('ELECTRON_HEADERS_URL');
    expect(text).toContain('unset npm_config_build_from_source');
    expect(text).toContain('npm run serve runs the same app in your browser now');
    // The switch means no prebuilt download is even tried.
    expect(run.stdout).not.toMatch(/prebuilt binary for Electron/);
    // Electron itself is complete (the next start will not fetch it again); the native step left nothing.
    expect(readFileSync(path.join(target.electronDir, 'path.txt'), 'utf8')).toBe(process.platform === 'win32' ? 'electron.exe' : 'electron');
    expect(readFileSync(path.join(target.electronDir, 'dist', 'version'), 'utf8')).toBe(`v${ELECTRON_VERSION}`);
    expectNoElectronNativeLeftovers(target);
    expect(existsSync(path.join(target.root, 'dist'))).toBe(false);
  });

  it('tries the prebuilt better-sqlite3 for Electron first, then compiling, and names both in the paragraph', async () => {
    const target = project();
    // An Electron unpacked by hand (ELECTRON_OVERRIDE_DIST_PATH) needs no download at all.
    const handUnpacked = path.join(target.home, 'electron-by-hand');
    mkdirSync(handUnpacked);
    writeFileSync(path.join(handUnpacked, process.platform === 'win32' ? 'electron.exe' : 'electron'), '');
    const closedBinaryHost = await closedUrl();
    const closedHeaders = await closedUrl('/headers');
    const run = await runScript(
      target,
      'start.mjs',
      startEnv(target, {
        ELECTRON_OVERRIDE_DIST_PATH: handUnpacked,
        ELECTRON_MIRROR: await closedUrl('/'),
        npm_config_better_sqlite3_binary_host: closedBinaryHost,
        ELECTRON_HEADERS_URL: closedHeaders,
      }),
    );

    expect(run.code).toBe(1);
    const text = paragraph(run);
    expect(text).toMatch(/because no prebuilt binary could be fetched \(.*ECONNREFUSED.*\)/);
    expect(text).toContain(`could not be downloaded from ${closedHeaders}/v${ELECTRON_VERSION}/${HEADERS_TARBALL}`);
    expect(text).not.toContain('unset npm_config_build_from_source');
    expect(existsSync(path.join(target.electronDir, 'dist'))).toBe(false);
    expectNoElectronNativeLeftovers(target);
  });

  it("uses better-sqlite3's prebuilt binary for Electron when it can be fetched", async () => {
    const target = project();
    const binary = Buffer.from('stand-in for better_sqlite3.node built for Electron');
    const packageFile = require.resolve('better-sqlite3/package.json');
    const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
    // Electron's ABI number as prebuild-install computes it (its own node-abi).
    const fromPrebuildInstall = createRequire(createRequire(packageFile).resolve('prebuild-install/package.json'));
    const abi = (fromPrebuildInstall('node-abi') as { getAbi(target: string, runtime: string): string }).getAbi(ELECTRON_VERSION, 'electron');
    const tarball = tarGz([{ name: 'build/Release/better_sqlite3.node', data: binary, mode: 0o755 }]);
    const host = await mirror({ [`/v${version}/better-sqlite3-v${version}-electron-v${abi}-${process.platform}-${process.arch}.tar.gz`]: tarball });
    closers.push(host.close);
    const env = startEnv(target, { npm_config_better_sqlite3_binary_host: host.url });
    const run = await runScript(target, 'electron-native.mjs', env);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(host.requests).toHaveLength(1);
    const out = path.join(target.root, '.electron-native');
    expect(readFileSync(path.join(out, 'better_sqlite3.node'))).toEqual(binary);
    expect(JSON.parse(readFileSync(path.join(out, 'stamp.json'), 'utf8'))).toMatchObject({ electron: ELECTRON_VERSION, betterSqlite3: version, source: 'prebuilt' });
    expect(readdirSync(out).sort()).toEqual(['better_sqlite3.node', 'stamp.json']);

    // The next start finds it ready and downloads nothing.
    const again = await runScript(target, 'electron-native.mjs', env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('skipping');
    expect(host.requests).toHaveLength(1);
  });
});
