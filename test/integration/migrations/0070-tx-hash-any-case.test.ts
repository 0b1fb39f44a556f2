// Migration 0070 makes the recorded-hash index case-insensitive, so recovery asks the ledger about each
// transfer's hash instead of loading every hash: seed at 0060, migrate, compare, and the lookup's plan.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, planOf, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const HASH_LOOKUP = 'SELECT 1 FROM sales WHERE tx_hash COLLATE NOCASE IN (?, ?) LIMIT 1';
const HASHES = [`0x${'AB'.repeat(32)}`, 'cd'.repeat(32), `0X${'eF'.repeat(32)}`, 'not-a-hash'];

describe('migration 0070 (recorded hashes in any case)', () => {
  it('keeps every row, and finds a recorded hash however it was written from the index alone', () => {
    const db = openAtVersion(dir.path, 60);
    seedOldSales(db, 12, (i) => oldSale(i, i < HASHES.length ? { status: 'paid', paidAt: '2026-11-26T10:00:00.000Z', paidCryptoAmount: '1', txHash: HASHES[i] as string } : {}));
    db.prepare("UPDATE sales SET confirmation = 'recovered', key_fingerprint = 'f' WHERE id = 'sale-0001'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    // Before: the case-sensitive index can only be read whole.
    expect(planOf(db, HASH_LOOKUP, 'ab', '0xab')).toMatch(/^SCAN sales/);

    migrate(db, 70);
    expect(db.pragma('user_version', { simple: true })).toBe(70);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(planOf(db, HASH_LOOKUP, 'ab', '0xab')).toMatch(/^SEARCH sales USING COVERING INDEX sales_by_tx_hash \(tx_hash=\?\)/);
    const found = (bare: string): boolean => db.prepare(HASH_LOOKUP).get(bare, `0x${bare}`) !== undefined;
    expect([found('ab'.repeat(32)), found('CD'.repeat(32)), found('ef'.repeat(32)), found('12'.repeat(32))]).toEqual([true, true, true, false]);
    db.close();
  });
});
