// Backups (issue 5, item 8) on real SQLite files; restore has its own file.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupNow, listBackups, scheduleBackups } from '../../electron/pos/store/backup';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import { manualClock, tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, DATABASE_FILE);
});
afterEach(() => dir.remove());

function seed(ledger: Ledger, count: number, prefix = 's'): void {
  ledger.transaction(() => {
    for (let i = 0; i < count; i++) {
      ledger.insertSale({ id: `sale-${prefix}${i}`, status: 'pending', amountMinor: 100 + i, currency: 'EUR', note: '', sandbox: true, blockchain: 'tether-trc20', requestId: null, webhookUrl: null }, '2026-11-26T10:00:00.000Z', { cause: 'seed' });
    }
  });
}

describe('backups', () => {
  it('takes a consistent copy while the app keeps writing', async () => {
    const ledger = Ledger.open(file);
    seed(ledger, 2000);
    const taking = backupNow(ledger, dir.path, new Date('2026-11-26T10:00:00Z'));
    seed(ledger, 10, 'during');
    const taken = await taking;
    const copy = new Database(taken.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBeGreaterThanOrEqual(2000);
    copy.close();
    expect(existsSync(`${taken.file}.partial`)).toBe(false);
    // A backup holds every sale and the install's secrets: this user's alone.
    expect(statSync(taken.file).mode & 0o777).toBe(0o600);
    ledger.close();
  });

  it(`keeps the newest ${BACKUPS_KEPT} and drops older ones`, async () => {
    const ledger = Ledger.open(file);
    for (let day = 1; day <= BACKUPS_KEPT + 3; day++) await backupNow(ledger, dir.path, new Date(Date.UTC(2026, 10, day, 3)));
    const kept = listBackups(dir.path);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]?.takenAt.toISOString()).toBe('2026-11-17T03:00:00.000Z');
    expect(kept.at(-1)?.takenAt.toISOString()).toBe('2026-11-04T03:00:00.000Z');
    ledger.close();
  });

  it('backs up at start when the last backup is a day old, not more often', async () => {
    const ledger = Ledger.open(file);
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
    const first = scheduleBackups(ledger, dir.path, clock.now);
    expect(await first.first).toEqual(listBackups(dir.path)[0]);
    await first.stop();
    expect(listBackups(dir.path)).toHaveLength(1);
    clock.advance(60 * 60 * 1000);
    const hourLater = scheduleBackups(ledger, dir.path, clock.now);
    expect(await hourLater.first).toBeNull();
    await hourLater.stop();
    expect(listBackups(dir.path)).toHaveLength(1);
    clock.advance(24 * 60 * 60 * 1000);
    await scheduleBackups(ledger, dir.path, clock.now).stop();
    expect(listBackups(dir.path)).toHaveLength(2);
    ledger.close();
  });
});
