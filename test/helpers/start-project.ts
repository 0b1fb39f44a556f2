// A throwaway copy of the project for running `npm start`'s launcher (scripts/start.mjs) without
// touching the real node_modules/electron, ~/.electron-gyp or .electron-native: package.json and
// scripts/ are copied, node_modules/electron is copied without any installed binary, every other
// package is a symlink to the real one. HOME, the npm cache and Electron's download cache point
// into the copy, and every download setting the test does not give is removed from the
// environment, so nothing reaches the internet or depends on the machine's own settings.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DOWNLOAD_SETTINGS = /^(electron_|npm_config_|npm_package_|https?_proxy$|no_proxy$|force_no_cache$)/i;

export interface StartProject {
  root: string;
  home: string;
  electronDir: string;
  electronCache: string;
  remove(): void;
}

export function startProject(): StartProject {
  const dir = tempDir('mitilena-start-');
  const root = dir.path;
  cpSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(REPO, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  const modules = path.join(root, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
    if (name === 'electron') continue;
    symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name), 'junction');
  }
  const electronDir = path.join(modules, 'electron');
  const source = path.join(REPO, 'node_modules', 'electron');
  cpSync(source, electronDir, {
    recursive: true,
    filter: (file) => !['dist', 'path.txt'].includes(path.relative(source, file).split(path.sep)[0] ?? ''),
  });
  const home = path.join(root, 'home');
  mkdirSync(home);
  return { root, home, electronDir, electronCache: path.join(home, 'electron-cache'), remove: dir.remove };
}

export function startEnv(project: StartProject, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!DOWNLOAD_SETTINGS.test(key)) env[key] = value;
  return {
    ...env,
    HOME: project.home,
    npm_config_cache: path.join(project.home, '.npm'),
    electron_config_cache: project.electronCache,
    ELECTRON_GET_NO_PROGRESS: '1',
    ...settings,
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the copy's scripts with Node, as `npm start` would. */
export function runScript(project: StartProject, script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(project.root, 'scripts', script)], { cwd: project.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A loopback mirror serving fixed files by path; anything else is a 404. */
export async function mirror(files: Record<string, Buffer | string>): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://mirror').pathname;
    requests.push(pathname);
    const body = files[pathname];
    if (body === undefined) {
      response.writeHead(404).end('not here');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
