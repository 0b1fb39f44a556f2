// Migration 0080 gives a sale its tip, its cashier and the sale it completes: seed at 0070 with that
// schema's own SQL, migrate, compare every row, and check the new columns' guards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0080 (tip, cashier, linked sale)', () => {
  it('keeps every row with no tip, no cashier and no linked sale, and guards the new columns', () => {
    const db = openAtVersion(dir.path, 70);
    seedOldSales(db, 24, (i) => oldSale(i, { status: i % 3 === 0 ? 'paid' : 'pending' }));
    db.prepare("UPDATE sales SET key_fingerprint = 'f', confirmation = 'recovered' WHERE status = 'paid'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(salesBefore[0]).not.toHaveProperty('tip_minor');

    migrate(db, 80);
    expect(db.pragma('user_version', { simple: true })).toBe(80);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore.map((row) => ({ ...row, tip_minor: 0, cashier: null, linked_sale_id: null })));
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    expect(() => db.prepare("UPDATE sales SET tip_minor = -1 WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sales SET linked_sale_id = 'no-such-sale' WHERE id = 'sale-0000'").run()).toThrow(/FOREIGN KEY/);
    db.prepare("UPDATE sales SET linked_sale_id = 'sale-0001', tip_minor = 50, cashier = 'Ana' WHERE id = 'sale-0000'").run();
    expect(db.prepare("SELECT id FROM sales WHERE linked_sale_id = 'sale-0001'").all()).toEqual([{ id: 'sale-0000' }]);
    db.close();
  });
});
