// Migration 0140 adds two partial indexes, so the expiry sweep and the stamping of sales from before key
// fingerprints read only the rows they want instead of the whole table at every start: seed at 0130,
// migrate, compare, and both queries' plans.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { STAMP_OLDER_SALES } from '../../../electron/pos/store/invoice-keys';
import { DUE_TO_EXPIRE } from '../../../electron/pos/store/sales';
import { oldSale, openAtVersion, planOf, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const AT = '2026-11-26T12:00:00.000Z';

describe('migration 0140 (pending sales by expiry, sales without a key fingerprint)', () => {
  it('keeps every row, and both start queries search their index instead of scanning the sales', () => {
    const db = openAtVersion(dir.path, 130);
    seedOldSales(db, 40, (i) => oldSale(i, { status: i % 4 === 0 ? 'paid' : 'pending' }));
    db.prepare("UPDATE sales SET expires_at = created_at WHERE id < 'sale-0020'").run();
    db.prepare("UPDATE sales SET key_fingerprint = 'f' WHERE id >= 'sale-0030'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(planOf(db, STAMP_OLDER_SALES.replace('UPDATE sales SET key_fingerprint = ?', 'SELECT 1 FROM sales'), 1)).toMatch(/^SCAN sales/);
    expect(planOf(db, STAMP_OLDER_SALES, 'e'.repeat(64), 1)).toMatch(/^SCAN sales/);

    migrate(db, 140);
    expect(db.pragma('user_version', { simple: true })).toBe(140);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(planOf(db, DUE_TO_EXPIRE, AT, 100)).toMatch(/^SEARCH sales USING INDEX sales_pending_by_expiry \(expires_at>\? AND expires_at<\?\)$/);
    expect(planOf(db, STAMP_OLDER_SALES, 'e'.repeat(64), 1)).toMatch(/^SEARCH sales USING INDEX sales_without_key_fingerprint \(sandbox=\?\)$/);
    // The same answers as the whole table gives: the pending sales that ran out, the longest expired first.
    const due = db.prepare(DUE_TO_EXPIRE).all(AT, 100) as { id: string; status: string; expires_at: string }[];
    const expected = salesBefore.filter((row) => row.status === 'pending' && row.expires_at !== null && (row.expires_at as string) <= AT);
    expect(due.map((row) => row.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(due.map((row) => row.expires_at)).toEqual([...due.map((row) => row.expires_at)].sort());
    expect(db.prepare(STAMP_OLDER_SALES).run('e'.repeat(64), 1).changes).toBe(salesBefore.filter((row) => row.sandbox === 1 && row.key_fingerprint === null).length);
    db.close();
  });
});
