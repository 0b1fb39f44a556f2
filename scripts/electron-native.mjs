// `npm start` runs this before Electron: puts better-sqlite3 built for Electron's ABI into
// .electron-native/better_sqlite3.node, which the main process hands to the core as its
// nativeBinding. node_modules/better-sqlite3 keeps its Node build, so `npm test` still works
// after `npm start`. Skipped when .electron-native already matches this Electron.
//
// Where the binary comes from, in order:
//   1. better-sqlite3's prebuilt binary for Electron (prebuild-install --runtime electron), as
//      `npm install` does for Node: no toolchain needed.
//   2. If that cannot be fetched, or npm_config_build_from_source=true (the switch .ci/run sets),
//      compiled with node-gyp against Electron's headers (Python 3, make, a C++20 compiler; the
//      first time for an Electron version, the headers are downloaded from ELECTRON_HEADERS_URL,
//      default https://electronjs.org/headers).
// Both run on a scratch copy of the package, never in node_modules. A download that fails ends
// in one paragraph (start-failure.mjs) with nothing half-written left behind.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { START_FAILED_EXIT_CODE, StartFailure, downloadFailure, explainStartFailure } from './start-failure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, '.electron-native');
const BINDING = path.join(OUT_DIR, 'better_sqlite3.node');
const STAMP = path.join(OUT_DIR, 'stamp.json');
const SCRATCH = path.join(OUT_DIR, 'better-sqlite3');
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';
// What node-gyp needs from the package to compile (prebuild-install needs only package.json);
// lib/ and the Node build/ stay behind.
const SOURCES = ['binding.gyp', 'package.json', 'src', 'deps'];
// npm hands its config to scripts as npm_config_*; node-gyp and prebuild-install read these. A
// nodedir (Debian's npm sets /usr) would compile against Node's headers instead of Electron's.
const FOREIGN_BUILD_SETTINGS = ['npm_config_nodedir', 'npm_config_target', 'npm_config_runtime', 'npm_config_disturl', 'npm_config_dist_url', 'npm_config_devdir'];

const require = createRequire(path.join(ROOT, 'package.json'));

function readVersion(packageName) {
  return JSON.parse(readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')).version;
}

function betterSqlite3Dir() {
  return path.dirname(require.resolve('better-sqlite3/package.json'));
}

/** Everything the binary depends on; any change means a rebuild. */
export function wantedStamp() {
  return {
    electron: readVersion('electron'),
    betterSqlite3: readVersion('better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
}

export function isUpToDate(wanted, stampFile = STAMP, bindingFile = BINDING) {
  if (!existsSync(bindingFile) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

/** The switch: npm_config_build_from_source=true (or =better-sqlite3), as prebuild-install reads it. */
export function buildsFromSource(env = process.env) {
  const value = env.npm_config_build_from_source;
  return value === 'true' || value === 'better-sqlite3';
}

function electronBuildEnv(env) {
  const clean = { ...env };
  for (const key of FOREIGN_BUILD_SETTINGS) delete clean[key];
  return clean;
}

function stageSources() {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  for (const entry of SOURCES) cpSync(path.join(betterSqlite3Dir(), entry), path.join(SCRATCH, entry), { recursive: true });
}

const scratchBinary = () => path.join(SCRATCH, 'build', 'Release', 'better_sqlite3.node');

/**
 * better-sqlite3's own prebuilt binary for this Electron, via prebuild-install (its download
 * cache, proxy and mirror settings: npm_config_better_sqlite3_binary_host). Returns null on
 * success, else why not.
 */
function fetchPrebuilt(electronVersion, env) {
  const prebuildInstall = createRequire(path.join(betterSqlite3Dir(), 'package.json')).resolve('prebuild-install/bin.js');
  const args = [prebuildInstall, '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, `--platform=${process.platform}`, '--verbose'];
  const result = spawnSync(process.execPath, args, { cwd: SCRATCH, env: electronBuildEnv(env), encoding: 'utf8' });
  if (result.status === 0 && existsSync(scratchBinary())) return null;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const warnings = [...output.matchAll(/prebuild-install warn \S+ (.+)/g)].map((match) => match[1].trim());
  return warnings.at(-1) ?? result.error?.message ?? `prebuild-install exited with code ${result.status}`;
}

/** The error node-gyp logged, in a few words: its message lines up to the stack frames. */
export function gypFailureReason(output) {
  const message = [];
  for (const [, line] of output.matchAll(/^gyp ERR! stack (.*)$/gm)) {
    if (/^\s*at /.test(line)) break;
    message.push(line.trim());
  }
  const text = message.join(' ').replace(/^\w*Error: /, '');
  // node-gyp replaces ENOTFOUND with three lines of advice; the launcher gives its own.
  if (/related to network connectivity/.test(text)) return 'host not found (ENOTFOUND)';
  return text || null;
}

/** Electron's headers into ~/.electron-gyp (node-gyp's own download: checksums, HTTPS_PROXY, rollback on failure). */
function fetchHeaders(electronVersion, gypArgs, env, whyCompile) {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const headersDir = path.join(electronGypDir(), electronVersion);
  const hadHeaders = existsSync(headersDir);
  const result = spawnSync(process.execPath, [nodeGyp, 'install', '--ensure', ...gypArgs], { cwd: SCRATCH, env: electronBuildEnv(env), encoding: 'utf8' });
  if (result.status === 0) return;
  // node-gyp rolls back a failed install, but not when it dies of an uncaught error mid-download.
  if (!hadHeaders) rmSync(headersDir, { recursive: true, force: true });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const url = [...output.matchAll(/gyp http GET (\S+)/g)].at(-1)?.[1] ?? headersUrl(env);
  const reason = gypFailureReason(output) ?? result.error?.message ?? `node-gyp exited with code ${result.status}`;
  throw downloadFailure({
    what: `Electron ${electronVersion}'s headers, needed to compile better-sqlite3 for Electron because ${whyCompile},`,
    url,
    reason,
    remedy:
      'To fix it, let this machine reach that address (behind a proxy, set HTTPS_PROXY), ' +
      `or set ELECTRON_HEADERS_URL to a mirror of ${DEFAULT_HEADERS_URL}` +
      (buildsFromSource(env) ? ', or unset npm_config_build_from_source to use a prebuilt better-sqlite3 instead.' : '.'),
  });
}

function headersUrl(env) {
  return env.ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL;
}

function electronGypArgs(electronVersion, env) {
  return [
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${headersUrl(env)}`,
    `--devdir=${electronGypDir()}`,
  ];
}

/** Electron's headers are kept apart from Node's, where @electron/rebuild keeps them. */
function electronGypDir() {
  return path.join(os.homedir(), '.electron-gyp');
}

/** Compiles the staged sources with node-gyp against the headers fetchHeaders put in place. */
function compileStaged(gypTarget, env) {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release', `--arch=${process.arch}`, '--jobs=max', ...gypTarget];
  console.log(`  node-gyp ${args.slice(1).join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd: SCRATCH, env: electronBuildEnv(env), stdio: 'inherit' });
  if (result.error || result.status !== 0 || !existsSync(scratchBinary())) {
    throw new StartFailure(
      `better-sqlite3 could not be compiled (${result.error?.message ?? `node-gyp exited with code ${result.status}`}; its output is above).`,
      'Compiling needs Python 3, make and a C++20 compiler (g++ or clang; on Windows the Visual Studio Build Tools with "Desktop development with C++", on macOS the Xcode command-line tools).',
    );
  }
}

/** Copy then rename, so an interrupted run never leaves a half-written binary behind. */
function installBinding() {
  cpSync(scratchBinary(), `${BINDING}.tmp`);
  renameSync(`${BINDING}.tmp`, BINDING);
}

/** Makes .electron-native/better_sqlite3.node match this Electron; throws a StartFailure if it cannot. */
export function prepareElectronNative(env = process.env) {
  const wanted = wantedStamp();
  if (isUpToDate(wanted)) {
    console.log(`better-sqlite3 ${wanted.betterSqlite3} is ready for Electron ${wanted.electron} (.electron-native); skipping.`);
    return;
  }
  console.log(`Preparing better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}) in .electron-native/ …`);
  mkdirSync(OUT_DIR, { recursive: true });
  // A binary for another Electron must not survive a failed attempt and get loaded by mistake.
  rmSync(STAMP, { force: true });
  rmSync(BINDING, { force: true });
  try {
    stageSources();
    let source = 'prebuilt';
    let whyCompile = 'npm_config_build_from_source is set';
    if (!buildsFromSource(env)) {
      const missing = fetchPrebuilt(wanted.electron, env);
      if (missing) whyCompile = `no prebuilt binary could be fetched (${missing})`;
      else console.log('  using better-sqlite3\'s prebuilt binary for Electron.');
    }
    if (buildsFromSource(env) || !existsSync(scratchBinary())) {
      source = 'compiled';
      console.log(`  compiling from source: ${whyCompile}.`);
      const gypArgs = electronGypArgs(wanted.electron, env);
      fetchHeaders(wanted.electron, gypArgs, env, whyCompile);
      compileStaged(gypArgs, env);
    }
    installBinding();
    writeFileSync(STAMP, `${JSON.stringify({ ...wanted, source, builtAt: new Date().toISOString() }, null, 2)}\n`);
    console.log(`  .electron-native/better_sqlite3.node is ready (${source}).`);
  } catch (error) {
    rmSync(BINDING, { force: true });
    rmSync(`${BINDING}.tmp`, { force: true });
    throw error;
  } finally {
    rmSync(SCRATCH, { recursive: true, force: true });
  }
}

function main() {
  try {
    prepareElectronNative();
  } catch (error) {
    if (!(error instanceof StartFailure)) throw error;
    console.error(explainStartFailure(error));
    process.exit(START_FAILED_EXIT_CODE);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
