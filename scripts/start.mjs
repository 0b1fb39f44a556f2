// `npm start`: gets what Electron needs, builds, then launches the desktop app.
//   1. Electron's binary (electron-binary.mjs): fetched on first start, with Electron's own mechanism.
//   2. better-sqlite3 for Electron's ABI (electron-native.mjs): prebuilt if it can be fetched, else compiled.
//   3. npm run build.
//   4. electron . (arguments after `npm start --` are passed on).
// The downloads come first so that a machine without access learns it in seconds, not after a
// build. Any failure there ends in one paragraph (what failed, how to fix it, and that
// `npm run serve` runs the same app now) and a non-zero exit, with nothing half-installed.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';
import { prepareElectronNative } from './electron-native.mjs';
import { START_FAILED_EXIT_CODE, StartFailure, explainStartFailure } from './start-failure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(ROOT, 'package.json'));

function build() {
  // Under `npm start`, npm_execpath is npm's own CLI script: run it with this Node, no shell needed.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('npm start stopped: the build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

/** Runs Electron as electron/cli.js does: its exit code, termination signals passed on. */
function launch(executable, args) {
  const child = spawn(executable, ['.', ...args], { cwd: ROOT, stdio: 'inherit', windowsHide: false });
  let childClosed = false;
  child.on('error', (error) => {
    console.error(`npm start stopped: Electron could not be started from ${executable} (${error.message}).`);
    process.exit(START_FAILED_EXIT_CODE);
  });
  child.on('close', (code, signal) => {
    childClosed = true;
    if (code === null) {
      console.error(`Electron exited with signal ${signal}.`);
      process.exit(1);
    }
    process.exit(code);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGUSR2']) {
    process.on(signal, () => {
      if (!childClosed) child.kill(signal);
    });
  }
}

async function main() {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    console.error('npm start stopped: node_modules/electron is missing. Run npm install first.');
    process.exit(START_FAILED_EXIT_CODE);
  }
  let executable;
  try {
    executable = await ensureElectronBinary(electronDir);
    prepareElectronNative();
  } catch (error) {
    if (!(error instanceof StartFailure)) throw error;
    console.error(explainStartFailure(error));
    process.exit(START_FAILED_EXIT_CODE);
  }
  build();
  launch(executable, process.argv.slice(2));
}

await main();
