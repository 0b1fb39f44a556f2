// Migration 0030 widens the two history indexes under their old names: seed at 0020, migrate, compare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0030 (history indexes)', () => {
  it('keeps every row and widens the two history indexes under their old names', () => {
    const db = openAtVersion(dir.path, 20);
    seedOldSales(db, 20, (i) => oldSale(i, { status: i % 3 ? 'paid' : i % 2 ? 'voided' : 'pending', note: `n${i}` }));
    const before = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    migrate(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(rowsOf(db, 'sales')).toEqual(before);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    const columns = (index: string): string[] => (db.pragma(`index_info(${index})`) as { name: string }[]).map((row) => row.name);
    expect(columns('sales_by_created')).toEqual(['created_at', 'id']);
    expect(columns('sales_by_status_created')).toEqual(['status', 'created_at', 'id', 'currency', 'amount_minor', 'overpaid']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
