// The data folder holds every sale, the sandbox key and the webhook token: it is made 0700 and the
// ledger, its WAL and shared-memory files, the backups, the lock and the secrets are 0600, also when
// the folder already existed as 0755 with files an older version left readable by everyone.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/pos/core';
import { createFileSecretStore } from '../../electron/pos/settings/secrets-file';
import { prepareDataFolder } from '../../electron/pos/store/data-folder';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { tempDir } from '../helpers/temp';

let parent: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  parent = tempDir();
  dataDir = join(parent.path, 'shop-data');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o755);
});
afterEach(() => parent.remove());

const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);

/** Every file and folder under the data folder with its mode, e.g. { 'backups/counter-….sqlite3': '600' }. */
function modes(): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dataDir) };
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      out[`${prefix}${name}`] = mode(path);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
    }
  };
  walk(dataDir, '');
  return out;
}

describe('file modes', () => {
  it('makes a 0755 data folder private and creates every file in it 0600', async () => {
    const core = await startCore({ dataDir, secrets: createFileSecretStore({ dataDir, env: {} }), startWork: { backupDelayMs: 0 } });
    try {
      // Settings entered in the app put a secret in the folder too.
      expect((await core.handlers.updateSettings({ ngrokAuthtoken: 'ngrok-token-0123456789' })).ok).toBe(true);
      // The day's backup is taken by the start's work after the first screen.
      await core.startWork;
      const seen = modes();
      // While the app runs SQLite keeps its WAL and shared memory beside the ledger.
      expect(Object.keys(seen)).toEqual(expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'backups', 'instance.lock', 'secrets.json']));
      expect(Object.keys(seen).filter((name) => name.startsWith('backups/'))).toHaveLength(1);
      for (const [name, value] of Object.entries(seen)) {
        const folder = name === '.' || name === 'backups' || name === 'logs';
        expect(value, name).toBe(folder ? '700' : '600');
      }
    } finally {
      await core.close();
    }
  });

  it('uses a folder it may not tighten, saying so in the log', () => {
    const lines: string[] = [];
    const refuse = (): void => {
      throw Object.assign(new Error('EPERM: operation not permitted, chmod'), { code: 'EPERM' });
    };
    prepareDataFolder(dataDir, (line) => lines.push(line), refuse);
    expect(lines).toEqual([`data folder: could not make ${dataDir} private (mode 755, EPERM); other users of this computer may read it`]);
    expect(mode(dataDir)).toBe('755');
    prepareDataFolder(dataDir, (line) => lines.push(line));
    expect(mode(dataDir)).toBe('700');
    expect(lines).toHaveLength(1);
  });

  it('tightens a ledger, WAL, backups and a kept ledger that an older version left readable', async () => {
    const ledger = join(dataDir, DATABASE_FILE);
    const old = new Database(ledger);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE leftover (id INTEGER)');
    old.close();
    writeFileSync(`${ledger}-wal`, '');
    writeFileSync(`${ledger}.before-restore-20261101T000000Z`, 'an old ledger');
    mkdirSync(join(dataDir, 'backups'));
    writeFileSync(join(dataDir, 'backups', 'counter-20261101T000000Z.sqlite3'), 'an old backup');
    for (const file of [ledger, `${ledger}-wal`, `${ledger}.before-restore-20261101T000000Z`, join(dataDir, 'backups', 'counter-20261101T000000Z.sqlite3')]) chmodSync(file, 0o644);
    chmodSync(join(dataDir, 'backups'), 0o755);

    const core = await startCore({ dataDir, secrets: createFileSecretStore({ dataDir, env: {} }), startWork: { backupDelayMs: 0 } });
    try {
      const seen = modes();
      expect(seen).toMatchObject({
        '.': '700',
        [DATABASE_FILE]: '600',
        [`${DATABASE_FILE}-wal`]: '600',
        [`${DATABASE_FILE}-shm`]: '600',
        [`${DATABASE_FILE}.before-restore-20261101T000000Z`]: '600',
        backups: '700',
        'backups/counter-20261101T000000Z.sqlite3': '600',
      });
      for (const [name, value] of Object.entries(seen)) expect(value, name).toMatch(/^[67]00$/);
    } finally {
      await core.close();
    }
    expect(existsSync(`${ledger}-wal`)).toBe(false);
  });
});
