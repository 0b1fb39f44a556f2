// A throwaway PostgreSQL cluster for the shop-ledger tests: `initdb` into a temp dir, `pg_ctl start`
// on a free loopback port with its unix socket inside that dir, stopped (fast or immediate, like a
// power cut of the server) and started again on the same data, removed after. PostgreSQL refuses to
// run as root, so when the tests run as root every server command runs as the `postgres` user.
// Missing binaries fail the test with how to install them: these tests are never skipped.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports';

const SERVER_USER = 'postgres';
const INSTALL_HINT =
  "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
  'The shop-ledger tests run against a real PostgreSQL: install it with `apt-get install postgresql` (Debian/Ubuntu; .ci/run does this) ' +
  'or put a PostgreSQL bin folder on PATH.';

export interface PostgresCluster {
  /** The superuser's connection URL (database `postgres`). */
  url: string;
  port: number;
  /** A URL for another role and database on this cluster. */
  urlFor(user: string, password: string, database?: string): string;
  /** A new, empty database; returns the superuser's URL for it. */
  createDatabase(name: string): Promise<string>;
  stop(options?: { mode?: 'fast' | 'immediate' }): Promise<void>;
  start(): Promise<void>;
  running(): boolean;
  /** The server log so far (for a failing test's message). */
  log(): string;
  /** Stops the server if it runs and deletes the cluster. */
  remove(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin (newest). */
export function findPostgresBin(where: { path?: string; root?: string } = {}): string {
  const onPath = (where.path ?? process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of onPath) if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const root = where.root ?? '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(INSTALL_HINT);
}

const asRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server program, as the postgres user when we are root; resolves with its output, rejects on a non-zero exit. */
function runServerProgram(program: string, args: string[]): Promise<string> {
  const [command, commandArgs] = asRoot() ? ['runuser', ['-u', SERVER_USER, '--', program, ...args]] : [program, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', LANG: 'C', LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${program} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

function serverUserIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${SERVER_USER}:`));
  if (!line) throw new Error(`Running as root, the tests run PostgreSQL as the "${SERVER_USER}" user, which does not exist. ${INSTALL_HINT}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface StartOptions {
  /** fsync on commit (default off: a stopped server still leaves its writes in the OS; the bench turns it on). */
  fsync?: boolean;
}

/** initdb + pg_ctl start on a free port; the caller removes it (afterAll). */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const root = mkdtempSync(join(tmpdir(), 'mitilena-pg-'));
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(root, 'pwfile'), `${password}\n`);
  writeFileSync(logFile, '');
  if (asRoot()) {
    const { uid, gid } = serverUserIds();
    for (const path of [root, join(root, 'pwfile'), logFile]) chownSync(path, uid, gid);
  }
  const port = await freePort();
  await runServerProgram(join(bin, 'initdb'), ['-D', data, '-U', SERVER_USER, `--pwfile=${join(root, 'pwfile')}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
  rmSync(join(root, 'pwfile'), { force: true });
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '# mitilena test cluster',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${root}'`,
      `fsync = ${options.fsync ? 'on' : 'off'}`,
      'max_connections = 50',
      'shared_buffers = 32MB',
      '',
    ].join('\n'),
  );
  let running = false;
  const start = async (): Promise<void> => {
    await runServerProgram(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async ({ mode = 'fast' }: { mode?: 'fast' | 'immediate' } = {}): Promise<void> => {
    if (!running) return;
    await runServerProgram(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  const urlFor = (user: string, secret: string, database = 'postgres'): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    await start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const url = urlFor(SERVER_USER, password);
  return {
    url,
    port,
    urlFor,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ statement: string }>('SELECT format($1::text, $2::text) AS statement', ['CREATE DATABASE %I', name]);
        await client.query((rows[0] as { statement: string }).statement);
      } finally {
        await client.end();
      }
      return urlFor(SERVER_USER, password, name);
    },
    stop,
    start,
    running: () => running,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async remove() {
      await stop({ mode: 'immediate' }).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
