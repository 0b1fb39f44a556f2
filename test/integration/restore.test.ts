// Restore that cannot lose the ledger: every way it can fail (the ledger itself as the backup, under
// any spelling; a missing, damaged, truncated, foreign or newer file; a full disk; a failed rename)
// leaves the ledger and its WAL byte for byte as they were. A successful one keeps the old ledger.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupNow } from '../../electron/pos/store/backup';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import { LATEST_VERSION } from '../../electron/pos/store/migrations';
import { restoreBackup, RestoreError, type RestoreFileOps } from '../../electron/pos/store/restore';
import { tempDir } from '../helpers/temp';

const RESTORE_SCRIPT = join(process.cwd(), 'dist', 'restore.js');
const NOW = new Date('2026-11-27T10:00:00Z');

let dir: ReturnType<typeof tempDir>;
let ledger: string;
let backup: string;
beforeEach(async () => {
  dir = tempDir();
  ledger = join(dir.path, DATABASE_FILE);
  const open = Ledger.open(ledger);
  seed(open, 5, 'early');
  backup = (await backupNow(open, dir.path, new Date('2026-11-26T10:00:00Z'))).file;
  seed(open, 3, 'late');
  open.close();
  crashAfterWriting(ledger);
});
afterEach(() => dir.remove());

function seed(open: Ledger, count: number, prefix: string): void {
  for (let i = 0; i < count; i++) {
    open.insertSale({ id: `sale-${prefix}${i}`, status: 'pending', amountMinor: 100 + i, currency: 'EUR', note: '', sandbox: false, blockchain: 'tether-trc20', requestId: null, webhookUrl: null }, '2026-11-26T10:00:00.000Z', { cause: 'seed' });
  }
}

/** Like an app killed right after a commit: the last row lives only in the WAL. */
function crashAfterWriting(file: string): void {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO meta (key, value) VALUES ('crash-marker', 'in the wal')").run(); process.kill(process.pid, 'SIGKILL');`;
  spawnSync(process.execPath, ['-e', script, file], { cwd: process.cwd() });
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
}

const sha256 = (file: string): string | null => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

/** The ledger and its WAL byte for byte, and every file name in the folder (the lock file aside). */
function fingerprint(): unknown {
  const names = (folder: string): string[] => readdirSync(folder).filter((name) => !name.startsWith('instance.lock')).sort();
  return { ledger: sha256(ledger), wal: sha256(`${ledger}-wal`), files: names(dir.path), backups: names(join(dir.path, 'backups')) };
}

function readLedger(file: string): { sales: number; marker: unknown; integrity: unknown } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const sales = (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    const marker = (db.prepare("SELECT value FROM meta WHERE key = 'crash-marker'").get() as { value: string } | undefined)?.value ?? null;
    return { sales, marker, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

function expectRefused(from: string, message: RegExp, ops?: Partial<RestoreFileOps>): void {
  const before = fingerprint();
  expect(() => restoreBackup(dir.path, ledger, from, { now: NOW, ...(ops ? { ops } : {}) })).toThrow(RestoreError);
  expect(() => restoreBackup(dir.path, ledger, from, { now: NOW, ...(ops ? { ops } : {}) })).toThrow(message);
  expect(fingerprint()).toEqual(before);
}

describe('restore', () => {
  it('puts a backup back and keeps the replaced ledger, WAL included, beside it as one file', () => {
    // What a restore killed halfway would have left: cleared, not mistaken for anything.
    writeFileSync(join(dir.path, `${DATABASE_FILE}.restore-99999.tmp`), 'half a copy');
    writeFileSync(join(dir.path, `${DATABASE_FILE}.restore-99999.tmp-wal`), 'half a wal');
    const { keptAs } = restoreBackup(dir.path, ledger, backup, { now: NOW });
    expect(keptAs).toBe(`${ledger}.before-restore-20261127T100000Z`);
    expect(readLedger(ledger)).toEqual({ sales: 5, marker: null, integrity: 'ok' });
    expect(existsSync(`${keptAs}-wal`)).toBe(false);
    expect(readLedger(keptAs as string)).toEqual({ sales: 8, marker: 'in the wal', integrity: 'ok' });
    expect(statSync(ledger).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path).filter((name) => name.includes('.restore-'))).toEqual([]);
    // A second restore in the same second keeps both replaced ledgers.
    expect(restoreBackup(dir.path, ledger, backup, { now: NOW }).keptAs).toBe(`${keptAs}-2`);
  });

  it('refuses the ledger itself, however it is spelled or linked', () => {
    symlinkSync(ledger, join(dir.path, 'link.sqlite3'));
    linkSync(ledger, join(dir.path, 'hard-link.sqlite3'));
    for (const spelling of [ledger, join(dir.path, '.', DATABASE_FILE), join(dir.path, 'backups', '..', DATABASE_FILE), join(dir.path, 'link.sqlite3'), join(dir.path, 'hard-link.sqlite3')]) {
      expectRefused(spelling, /is the ledger itself.*nothing was changed/);
    }
  });

  it('refuses a missing file', () => {
    expectRefused(join(dir.path, 'backups', 'counter-20250101T000000Z.sqlite3'), /There is no backup file.*nothing was changed/);
    expectRefused(join(dir.path, 'backups'), /There is no backup file/);
  });

  it('refuses garbage, a damaged header, a truncated backup, a foreign database and a newer schema', () => {
    const garbage = join(dir.path, 'garbage.sqlite3');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    const damaged = join(dir.path, 'damaged.sqlite3');
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    const truncated = join(dir.path, 'truncated.sqlite3');
    const whole = readFileSync(backup);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const foreign = join(dir.path, 'foreign.sqlite3');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER)');
    other.close();
    const newer = join(dir.path, 'newer.sqlite3');
    copyFileSync(backup, newer);
    const future = new Database(newer);
    future.pragma(`user_version = ${LATEST_VERSION + 10}`);
    future.close();

    expectRefused(garbage, /not a readable SQLite database.*nothing was changed/);
    expectRefused(damaged, /not a readable SQLite database|damaged/);
    expectRefused(truncated, /damaged|not a readable SQLite database/);
    expectRefused(foreign, /not a Mitilena Counter ledger; nothing was changed/);
    expectRefused(newer, new RegExp(`newer version of the app \\(schema ${LATEST_VERSION + 10}.*nothing was changed`));
  });

  it('changes nothing when the disk fills up while copying, or syncing fails', () => {
    let written = 0;
    const fullDisk: Partial<RestoreFileOps> = {
      writeSync: () => {
        // The first write half succeeds, like a disk with a few kilobytes left; then ENOSPC.
        if (written > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written += 2048;
        return 2048;
      },
    };
    expectRefused(backup, /Could not copy .*ENOSPC: no space left on device.*nothing was changed/, fullDisk);
    expect(written).toBeGreaterThan(0);
    const failingSync: Partial<RestoreFileOps> = {
      fsyncSync: () => {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    };
    expectRefused(backup, /EIO.*nothing was changed/, failingSync);
  });

  it('moves the ledger back when the final rename fails', () => {
    const failingRename: Partial<RestoreFileOps> = {
      renameSync: (from, to) => {
        if (to === ledger) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        renameSync(from, to);
      },
    };
    expectRefused(backup, /Could not put the backup in place \(EIO.*\); the ledger is as it was/, failingRename);
    expect(readLedger(ledger)).toEqual({ sales: 8, marker: 'in the wal', integrity: 'ok' });
  });

  it('refuses the ledger itself from the command line, changing nothing', () => {
    const before = fingerprint();
    const run = spawnSync(process.execPath, [RESTORE_SCRIPT, '--data', dir.path, '--from', join(dir.path, DATABASE_FILE)], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is the ledger itself/);
    expect(fingerprint()).toEqual(before);
    const bad = spawnSync(process.execPath, [RESTORE_SCRIPT, '--data', dir.path, '--form', backup], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--form'/);
    expect(fingerprint()).toEqual(before);
  });
});
