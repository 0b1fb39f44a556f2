// Backups and restore (issue 5, item 8) on real SQLite files.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupNow, listBackups, restoreBackup, RestoreError, scheduleBackups } from '../../electron/pos/store/backup';
import { DATABASE_FILE, openDatabase } from '../../electron/pos/store/database';
import { LATEST_VERSION } from '../../electron/pos/store/migrations';
import { SalesStore } from '../../electron/pos/store/sales';
import { manualClock, tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, DATABASE_FILE);
});
afterEach(() => dir.remove());

function seed(db: Database.Database, count: number, prefix = 's'): void {
  const store = new SalesStore(db);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      store.insertSale({ id: `sale-${prefix}${i}`, status: 'pending', amountMinor: 100 + i, currency: 'EUR', note: '', sandbox: true, blockchain: 'tether-trc20', requestId: null, webhookUrl: null }, '2026-11-26T10:00:00.000Z', { cause: 'seed' });
    }
  })();
}

const rows = (path: string): unknown[] => {
  const db = new Database(path, { readonly: true });
  const all = db.prepare('SELECT * FROM sales ORDER BY id').all();
  db.close();
  return all;
};

describe('backups', () => {
  it('takes a consistent copy while the app keeps writing', async () => {
    const db = openDatabase(file);
    seed(db, 2000);
    const taking = backupNow(db, dir.path, new Date('2026-11-26T10:00:00Z'));
    seed(db, 10, 'during');
    const taken = await taking;
    const copy = new Database(taken.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBeGreaterThanOrEqual(2000);
    copy.close();
    expect(existsSync(`${taken.file}.partial`)).toBe(false);
    db.close();
  });

  it(`keeps the newest ${BACKUPS_KEPT} and drops older ones`, async () => {
    const db = openDatabase(file);
    for (let day = 1; day <= BACKUPS_KEPT + 3; day++) await backupNow(db, dir.path, new Date(Date.UTC(2026, 10, day, 3)));
    const kept = listBackups(dir.path);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]?.takenAt.toISOString()).toBe('2026-11-17T03:00:00.000Z');
    expect(kept.at(-1)?.takenAt.toISOString()).toBe('2026-11-04T03:00:00.000Z');
    db.close();
  });

  it('backs up at start when the last backup is a day old, not more often', async () => {
    const db = openDatabase(file);
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
    let stop = scheduleBackups(db, dir.path, clock.now);
    await stop();
    expect(listBackups(dir.path)).toHaveLength(1);
    clock.advance(60 * 60 * 1000);
    stop = scheduleBackups(db, dir.path, clock.now);
    await stop();
    expect(listBackups(dir.path)).toHaveLength(1);
    clock.advance(24 * 60 * 60 * 1000);
    stop = scheduleBackups(db, dir.path, clock.now);
    await stop();
    expect(listBackups(dir.path)).toHaveLength(2);
    db.close();
  });
});

describe('restore', () => {
  it('puts a backup back and keeps the ledger it replaces', async () => {
    const db = openDatabase(file);
    seed(db, 5);
    const taken = await backupNow(db, dir.path, new Date('2026-11-26T10:00:00Z'));
    seed(db, 3, 'later');
    const later = rows(file);
    db.close();
    const { keptAs } = restoreBackup(dir.path, file, taken.file, new Date('2026-11-27T10:00:00Z'));
    expect(rows(file)).toEqual(rows(taken.file));
    expect(rows(file)).toHaveLength(5);
    expect(keptAs && rows(keptAs)).toEqual(later);
    const reopened = openDatabase(file);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('refuses a damaged file, a newer schema or a foreign database, and changes nothing', () => {
    const db = openDatabase(file);
    seed(db, 2);
    db.close();
    const before = readFileSync(file);
    const damaged = join(dir.path, 'damaged.sqlite3');
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    const newer = join(dir.path, 'newer.sqlite3');
    const n = new Database(newer);
    n.exec('CREATE TABLE sales (id TEXT); CREATE TABLE sale_events (id INTEGER)');
    n.pragma(`user_version = ${LATEST_VERSION + 10}`);
    n.close();
    const foreign = join(dir.path, 'foreign.sqlite3');
    new Database(foreign).exec('CREATE TABLE notes (id INTEGER)');
    for (const bad of [damaged, newer, foreign, join(dir.path, 'missing.sqlite3')]) {
      expect(() => restoreBackup(dir.path, file, bad, new Date())).toThrow(RestoreError);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
