// Migration 0060 puts the sandbox flag in the paid-totals index: seed at 0050, migrate, compare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, planOf, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const TOTALS =
  "SELECT sandbox, currency, SUM(amount_minor) AS amountMinor, COUNT(*) AS n, SUM(overpaid) AS overpaid FROM sales WHERE status = 'paid' AND created_at >= ? AND created_at < ? GROUP BY sandbox, currency";

describe('migration 0060 (sandbox money apart)', () => {
  it('keeps every row and answers the live and sandbox paid totals from the index alone', () => {
    const db = openAtVersion(dir.path, 50);
    seedOldSales(db, 20, (i) => oldSale(i, { status: 'paid', currency: i % 3 ? 'EUR' : 'JPY', createdAt: '2026-11-26T10:00:00.000Z', requestId: null, webhookUrl: null }));
    db.prepare("UPDATE sales SET key_fingerprint = 'f' WHERE sandbox = 1").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(planOf(db, TOTALS, 'a', 'b')).not.toMatch(/COVERING INDEX/);

    migrate(db, 60);
    expect(db.pragma('user_version', { simple: true })).toBe(60);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(planOf(db, TOTALS, 'a', 'b')).toMatch(/COVERING INDEX sales_by_status_created/);
    db.close();
  });
});
