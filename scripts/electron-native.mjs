// `npm start` runs this before Electron: builds better-sqlite3 for Electron's ABI into
// .electron-native/better_sqlite3.node, which the main process hands to the core as its
// nativeBinding. node_modules/better-sqlite3 keeps its Node build, so `npm test` still works
// after `npm start`. The build is skipped when .electron-native already matches this Electron.
//
// Needs a C++ toolchain and, the first time for an Electron version, internet access to fetch
// Electron's headers. `npm install` never runs this.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, '.electron-native');
const BINDING = path.join(OUT_DIR, 'better_sqlite3.node');
const STAMP = path.join(OUT_DIR, 'stamp.json');
const SCRATCH = path.join(OUT_DIR, 'better-sqlite3');
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
// What node-gyp needs from the package to compile; lib/ and the Node build/ stay behind.
const SOURCES = ['binding.gyp', 'package.json', 'src', 'deps'];

const require = createRequire(path.join(ROOT, 'package.json'));

function readVersion(packageName) {
  return JSON.parse(readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')).version;
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

/**
 * Copies better-sqlite3's sources to a scratch dir and runs node-gyp there. `gypTarget` is the
 * runtime flags; the default is Electron's, a test may pass Node's to check the pipeline offline.
 */
export function buildBinding(gypTarget) {
  const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  for (const entry of SOURCES) cpSync(path.join(packageDir, entry), path.join(SCRATCH, entry), { recursive: true });

  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release', `--arch=${process.arch}`, '--jobs=max', ...gypTarget];
  console.log(`  node-gyp ${args.slice(1).join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd: SCRATCH, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`node-gyp exited with code ${result.status}`);

  const built = path.join(SCRATCH, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`node-gyp succeeded but ${built} is missing`);
  // Copy then rename, so an interrupted run never leaves a half-written binary behind.
  cpSync(built, `${BINDING}.tmp`);
  renameSync(`${BINDING}.tmp`, BINDING);
  rmSync(SCRATCH, { recursive: true, force: true });
}

function electronGypTarget(electronVersion) {
  return [
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    // Electron's headers are kept apart from Node's, as @electron/rebuild does.
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
  ];
}

function main() {
  let wanted;
  try {
    wanted = wantedStamp();
  } catch (error) {
    console.error(`electron-native: ${error.message}\nRun npm install first.`);
    process.exit(1);
  }
  if (isUpToDate(wanted)) {
    console.log(`better-sqlite3 ${wanted.betterSqlite3} is already built for Electron ${wanted.electron} (.electron-native); skipping.`);
    return;
  }
  console.log(`Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}) into .electron-native/ …`);
  console.log('node_modules/better-sqlite3 keeps its Node build, so npm test is unaffected.');
  mkdirSync(OUT_DIR, { recursive: true });
  // A binary for another Electron must not survive a failed rebuild and get loaded by mistake.
  rmSync(STAMP, { force: true });
  rmSync(BINDING, { force: true });
  try {
    buildBinding(electronGypTarget(wanted.electron));
  } catch (error) {
    console.error(
      [
        '',
        `Could not build better-sqlite3 for Electron ${wanted.electron}: ${error.message}`,
        'It needs a C++20 toolchain (Python 3, make and g++/clang; on Windows the Visual Studio',
        'Build Tools) and, the first time for this Electron version, internet access to download',
        `Electron's headers from ${ELECTRON_HEADERS_URL}.`,
        'Browser mode (npm run serve) does not need this step.',
      ].join('\n'),
    );
    process.exit(1);
  }
  writeFileSync(STAMP, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`Built .electron-native/better_sqlite3.node for Electron ${wanted.electron}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
