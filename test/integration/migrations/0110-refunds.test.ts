// Migration 0110 adds the refunds table: seed at 0100 with that schema's own SQL, migrate, compare,
// and check that refunds are tied to their sales and never rewritten.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const INSERT_REFUND = `INSERT INTO refunds (sale_id, at, crypto_amount, token, fiat_minor, currency, tx_hash, reason, by_role, by_name)
  VALUES (?, '2026-11-27T10:00:00.000Z', '0.5', 'USDT', 40, 'EUR', 'hash', 'broken cup', 'owner', NULL)`;

describe('migration 0110 (refunds)', () => {
  it('keeps every row and adds an append-only refunds table tied to the sales', () => {
    const db = openAtVersion(dir.path, 100);
    seedOldSales(db, 12, (i) => oldSale(i, { status: i % 2 ? 'paid' : 'pending' }));
    db.prepare("UPDATE sales SET status = 'partly-refunded', refunded_minor = 40, refunded_crypto = '0.5' WHERE id = 'sale-0001'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');

    migrate(db, 110);
    expect(db.pragma('user_version', { simple: true })).toBe(110);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);

    db.prepare(INSERT_REFUND).run('sale-0001');
    expect(db.prepare('SELECT sale_id, fiat_minor, by_role FROM refunds').all()).toEqual([{ sale_id: 'sale-0001', fiat_minor: 40, by_role: 'owner' }]);
    expect(() => db.prepare(INSERT_REFUND).run('sale-none')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE refunds SET fiat_minor = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM refunds').run()).toThrow(/append-only/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
