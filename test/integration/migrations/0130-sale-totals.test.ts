// Migration 0130 adds the kept sale totals: seed at 0120, migrate, compare every row, and check the
// backfill against the sales and that the triggers keep it from then on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const DAY_TOTALS = "SELECT bucket, status, sandbox, currency, sales, amount_minor, gross_minor, refund_minor, received_scale, received_hi, received_lo, received_big FROM sale_totals WHERE span = 'd' ORDER BY bucket, status, sandbox, currency, amount_minor";

describe('migration 0130 (sale totals)', () => {
  it('keeps every row, backfills the totals from the sales there, and keeps them in step from then on', () => {
    const db = openAtVersion(dir.path, 120);
    seedOldSales(db, 6, (i) => oldSale(i, { status: i < 4 ? 'paid' : 'pending', createdAt: `2026-11-0${1 + (i % 2)}T10:00:00.000Z`, amountMinor: 1000 + i, sandbox: 0 }));
    db.prepare("UPDATE sales SET recognised_minor = 500, refunded_minor = 100, refunded_crypto = '0.25' WHERE id = 'sale-0000'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    // sale-0000, -0002 paid on the 1st; -0001, -0003 paid and -0005 pending on the 2nd; -0004 pending on the 1st.
    expect(db.prepare(DAY_TOTALS).all()).toEqual([
      { bucket: '2026-11-01', status: 'paid', sandbox: 0, currency: 'EUR', sales: 1, amount_minor: 1000, gross_minor: 500, refund_minor: 100, received_scale: 6, received_hi: 0, received_lo: 1_000_000, received_big: null },
      { bucket: '2026-11-01', status: 'paid', sandbox: 0, currency: 'EUR', sales: 1, amount_minor: 1002, gross_minor: 1002, refund_minor: 0, received_scale: 6, received_hi: 0, received_lo: 1_000_002, received_big: null },
      { bucket: '2026-11-01', status: 'pending', sandbox: 0, currency: 'EUR', sales: 1, amount_minor: 1004, gross_minor: 0, refund_minor: 0, received_scale: -1, received_hi: 0, received_lo: 0, received_big: null },
      { bucket: '2026-11-02', status: 'paid', sandbox: 0, currency: 'EUR', sales: 2, amount_minor: 2004, gross_minor: 2004, refund_minor: 0, received_scale: 6, received_hi: 0, received_lo: 2_000_004, received_big: null },
      { bucket: '2026-11-02', status: 'pending', sandbox: 0, currency: 'EUR', sales: 1, amount_minor: 1005, gross_minor: 0, refund_minor: 0, received_scale: -1, received_hi: 0, received_lo: 0, received_big: null },
    ]);
    // A write after the migration: the pending sale of the 1st is paid; its old bucket is emptied and removed.
    db.prepare("UPDATE sales SET status = 'paid' WHERE id = 'sale-0004'").run();
    expect(db.prepare("SELECT status, sales FROM sale_totals WHERE span = 'm' AND bucket = '2026-11' ORDER BY status, sales").all()).toEqual([
      { status: 'paid', sales: 1 },
      { status: 'paid', sales: 4 },
      { status: 'pending', sales: 1 },
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sale_totals WHERE span = 'h' AND bucket = '2026-11-01T10' AND status = 'pending'").get()).toEqual({ n: 0 });
    db.close();
  });
});
