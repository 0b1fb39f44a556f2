// Migration 0100 rebuilds sales and sale_events for the refund statuses and adds what a sale counts
// as takings and what was refunded: seed at 0080 with that schema's own SQL, migrate, compare every
// row and event, and check that money which arrived on a sale in review now has its paid_at.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { INSERT_EVENT_0010, oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const NOTICE_AT = '2026-11-05T10:02:00.000Z';

describe('migration 0100 (refund statuses, recognised and refunded amounts)', () => {
  it('keeps every sale and event, fills paid_at where money arrived, and accepts the new statuses', () => {
    const db = openAtVersion(dir.path, 80);
    const statuses = ['paid', 'review', 'voided', 'pending', 'cancelled'];
    seedOldSales(db, 30, (i) => oldSale(i, { status: statuses[i % statuses.length] as string, ...(i % 5 === 0 ? { paidAt: '2026-11-01T10:01:00.000Z', paidCryptoAmount: '1.5', txHash: `hash-${i}` } : {}) }));
    // 0080's own columns, as that schema wrote them.
    db.prepare("UPDATE sales SET tip_minor = 50, cashier = 'Ana', key_fingerprint = 'f', confirmation = 'chain-confirmed' WHERE status = 'paid'").run();
    db.prepare("UPDATE sales SET linked_sale_id = 'sale-0000' WHERE id = 'sale-0005'").run();
    // Underpaid sales in review: money arrived (the notice's amount), paid_at left empty by the old code.
    db.prepare("UPDATE sales SET paid_crypto_amount = '0.5', review_reason = 'underpaid' WHERE status = 'review'").run();
    const event = db.prepare(INSERT_EVENT_0010);
    for (const { id } of db.prepare("SELECT id FROM sales WHERE status = 'review'").all() as { id: string }[]) {
      event.run({ saleId: id, at: '2026-11-09T10:00:00.000Z', fromStatus: 'pending', toStatus: 'review', cause: 'notice: paid', detail: null, noticeKey: null });
      event.run({ saleId: id, at: NOTICE_AT, fromStatus: 'review', toStatus: 'review', cause: 'notice: paid', detail: null, noticeKey: null });
    }
    db.prepare("INSERT INTO unread_notices (at, sale_id, reason, body, body_sha256) VALUES ('x', 'sale-0001', 'r', '{}', 'abc')").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(() => db.prepare("UPDATE sales SET status = 'refunded' WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);

    migrate(db, 100);
    expect(db.pragma('user_version', { simple: true })).toBe(100);
    const fresh = { recognised_minor: null, refunded_minor: 0, refunded_crypto: null };
    expect(rowsOf(db, 'sales')).toEqual(
      salesBefore.map((row) => ({ ...row, ...fresh, ...(row.status === 'review' ? { paid_at: NOTICE_AT } : {}) })),
    );
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    db.prepare("UPDATE sales SET status = 'partly-refunded', refunded_minor = 40, refunded_crypto = '0.4' WHERE id = 'sale-0000'").run();
    db.prepare("INSERT INTO sale_events (sale_id, at, from_status, to_status, cause) VALUES ('sale-0000', 'x', 'paid', 'partly-refunded', 'owner refunded in part')").run();
    expect(() => db.prepare("UPDATE sales SET refunded_minor = -1 WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sales SET status = 'gone' WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM sale_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause) VALUES ('nope', 'x', 'paid', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE sales SET linked_sale_id = 'nope' WHERE id = 'sale-0001'").run()).toThrow(/FOREIGN KEY/);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('sales', 'sale_events') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(names).toEqual([
      'sale_events_append_only_delete',
      'sale_events_append_only_update',
      'sale_events_by_notice',
      'sale_events_by_sale',
      'sales_by_created',
      'sales_by_invoice',
      'sales_by_linked_sale',
      'sales_by_status_created',
      'sales_by_tx_hash',
    ]);
    db.close();
  });
});
