// Migration 0040 adds the confirmation source and indexes recorded hashes: seed at 0030, migrate, compare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, planOf, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0040 (confirmation source)', () => {
  it('keeps every sale and event row, adds a NULL confirmation with its CHECK, and indexes recorded hashes', () => {
    const db = openAtVersion(dir.path, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    const paid = (i: number) => i % 3 === 0;
    seedOldSales(db, 40, (i) =>
      oldSale(i, paid(i) ? { status: 'paid', paidAt: '2026-11-29T00:01:00.000Z', paidCryptoAmount: '1', txHash: `${i}`.padStart(64, 'a') } : { webhookUrl: null }),
    );
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(salesBefore[0]).not.toHaveProperty('confirmation');

    migrate(db, 40);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore.map((row) => ({ ...row, confirmation: null })));
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    db.prepare("UPDATE sales SET confirmation = 'chain-confirmed' WHERE id = 'sale-0000'").run();
    db.prepare("UPDATE sales SET confirmation = 'recovered' WHERE id = 'sale-0003'").run();
    expect(() => db.prepare("UPDATE sales SET confirmation = 'guessed' WHERE id = 'sale-0001'").run()).toThrow(/CHECK/);
    expect(planOf(db, 'SELECT tx_hash FROM sales WHERE tx_hash IS NOT NULL')).toMatch(/COVERING INDEX sales_by_tx_hash/);
    db.close();
  });
});
