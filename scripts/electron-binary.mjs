// Makes sure Electron's binary is in node_modules/electron/dist before `npm start` launches it.
// Electron 45 fetches its binary on first launch, not at install, and its own failure is a stack
// trace. This uses Electron's own mechanism, in two steps:
//   1. @electron/get (the copy node_modules/electron depends on) fetches the zip into Electron's
//      download cache with the same version, platform, arch and checksums as electron/install.js,
//      honouring the same settings (ELECTRON_MIRROR, electron_config_cache, ELECTRON_GET_USE_PROXY
//      with HTTPS_PROXY, force_no_cache, electron_use_remote_checksums). Doing this here, not
//      inside install.js, is what gives the URL and the network's answer for the message.
//      @electron/get writes to a temporary folder and moves the zip into the cache only once its
//      checksum matches, so a failed download leaves nothing behind.
//   2. electron/install.js finds the zip in the cache, unpacks it into dist/ and writes path.txt.
//      If that fails or is interrupted, dist/ and path.txt are removed: nothing half-installed.
// ELECTRON_OVERRIDE_DIST_PATH (an Electron unpacked by hand) skips both, as electron/index.js does.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StartFailure, describeNetworkError, downloadFailure } from './start-failure.mjs';

const INTERRUPTED_EXIT_CODE = 130;

/** Where install.js puts the executable inside dist/ (its getPlatformPath). */
function platformPath(env = process.env) {
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

function electronVersion(electronDir) {
  return JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
}

/** install.js's own test: dist/version is this version, path.txt names this platform's executable, and it exists. */
export function isElectronInstalled(electronDir, env = process.env) {
  try {
    const installed = readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '').trim();
    if (installed !== electronVersion(electronDir)) return false;
    if (readFileSync(path.join(electronDir, 'path.txt'), 'utf8') !== platformPath(env)) return false;
  } catch {
    return false;
  }
  return existsSync(path.join(electronDir, 'dist', platformPath(env)));
}

/** The executable `electron .` would run (electron/index.js's answer, without its download). */
export function electronExecutable(electronDir, env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, platformPath(env));
  return path.join(electronDir, 'dist', readFileSync(path.join(electronDir, 'path.txt'), 'utf8'));
}

/** The platform and arch install.js downloads for (its env overrides and its Rosetta check). */
function downloadTarget(env) {
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  let arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  if (platform === 'darwin' && process.platform === 'darwin' && arch === 'x64' && env.npm_config_arch === undefined) {
    try {
      if (execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1') arch = 'arm64';
    } catch {
      // Not under Rosetta, or sysctl unavailable: keep x64, as install.js does.
    }
  }
  return { platform, arch };
}

function binaryRemedy(version, fileName) {
  return (
    'To fix it, let this machine reach that address (behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1), ' +
    `or set ELECTRON_MIRROR to a mirror that has Electron ${version}, ` +
    `or unpack ${fileName}, fetched on another machine, into a folder and set ELECTRON_OVERRIDE_DIST_PATH to that folder.`
  );
}

/** Step 1: the zip into Electron's cache, with the URL and the answer if it fails. */
async function fetchIntoCache(electronDir, env) {
  const requireFromElectron = createRequire(path.join(electronDir, 'package.json'));
  const { downloadArtifact, FetchDownloader } = await import(pathToFileURL(requireFromElectron.resolve('@electron/get')).href);
  const version = electronVersion(electronDir);
  const { platform, arch } = downloadTarget(env);
  const fileName = `electron-v${version}-${platform}-${arch}.zip`;
  const fetcher = new FetchDownloader();
  let lastUrl = null;
  // The default downloader, wrapped only to learn which URL the mirror settings produced.
  const downloader = {
    download(url, targetFilePath, options) {
      lastUrl = url;
      return fetcher.download(url, targetFilePath, options);
    },
  };
  const useRemoteChecksums = env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums;
  console.log(`Electron ${version} is not installed yet: fetching ${fileName} (once; later starts reuse it)…`);
  try {
    return await downloadArtifact({
      version,
      artifactName: 'electron',
      force: env.force_no_cache === 'true',
      cacheRoot: env.electron_config_cache,
      checksums: useRemoteChecksums ? undefined : JSON.parse(readFileSync(path.join(electronDir, 'checksums.json'), 'utf8')),
      platform,
      arch,
      downloader,
    });
  } catch (error) {
    throw downloadFailure({
      what: `Electron's binary (${fileName})`,
      url: lastUrl ?? "Electron's release server",
      reason: describeNetworkError(error),
      remedy: binaryRemedy(version, fileName),
    });
  }
}

function removePartialInstall(electronDir) {
  rmSync(path.join(electronDir, 'dist'), { recursive: true, force: true });
  rmSync(path.join(electronDir, 'path.txt'), { force: true });
}

/** Step 2: electron/install.js unpacks the cached zip; on any failure or interruption, undo it. */
function unpack(electronDir, zipPath, env) {
  console.log(`Unpacking Electron into ${path.join(electronDir, 'dist')}…`);
  return new Promise((resolve, reject) => {
    // The zip was just fetched (fresh if force_no_cache asked for it): install.js must not fetch it again.
    const { force_no_cache: _fetchedAlready, ...installEnv } = env;
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, env: installEnv, stdio: ['ignore', 'inherit', 'pipe'] });
    let errorText = '';
    child.stderr.on('data', (chunk) => {
      errorText += chunk;
    });
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
      child.kill('SIGTERM');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    child.on('error', (error) => {
      errorText += error.message;
    });
    child.on('close', (code) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (code === 0 && !interrupted && isElectronInstalled(electronDir, env)) {
        resolve();
        return;
      }
      removePartialInstall(electronDir);
      if (interrupted) {
        console.error('Interrupted while unpacking Electron; removed the partly unpacked files.');
        process.exit(INTERRUPTED_EXIT_CODE);
      }
      // The zip matched its checksum, yet could not be unpacked: fetch it anew next time rather
      // than trip over the same file again.
      rmSync(zipPath, { force: true });
      const firstLine = errorText.split('\n').find((line) => line.trim()) ?? `install.js exited with code ${code}`;
      reject(
        new StartFailure(
          `Electron's binary (${path.basename(zipPath)}) was downloaded but could not be unpacked into ${path.join(electronDir, 'dist')} (${firstLine.trim().replace(/^\w*Error: /, '')}).`,
          'Check the free disk space and that node_modules/electron is writable, then run npm start again.',
        ),
      );
    });
  });
}

/**
 * Ensures Electron's binary is installed in `electronDir` (node_modules/electron). Throws a
 * StartFailure (download or unpack) after removing anything it had started to write.
 */
export async function ensureElectronBinary(electronDir, env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = electronExecutable(electronDir, env);
    if (!existsSync(executable)) {
      throw new StartFailure(
        `ELECTRON_OVERRIDE_DIST_PATH is set to ${env.ELECTRON_OVERRIDE_DIST_PATH}, but ${executable} does not exist.`,
        `Unpack Electron ${electronVersion(electronDir)} for this platform into that folder, or unset ELECTRON_OVERRIDE_DIST_PATH to download it.`,
      );
    }
    return executable;
  }
  if (!isElectronInstalled(electronDir, env)) {
    // Leftovers of an earlier run that was killed mid-unpack are not an installation.
    removePartialInstall(electronDir);
    const zipPath = await fetchIntoCache(electronDir, env);
    await unpack(electronDir, zipPath, env);
  }
  return electronExecutable(electronDir, env);
}
