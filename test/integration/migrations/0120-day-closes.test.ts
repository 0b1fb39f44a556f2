// Migration 0120 adds the Z-reports and their per-sale lines: seed at 0110 with that schema's own SQL,
// migrate, compare, and check that a report and its lines can never be changed or removed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const INSERT_CLOSE = `INSERT INTO day_closes (number, day, from_at, to_at, generated_at, event_cutoff, refund_cutoff, report)
  VALUES (?, ?, '2026-11-25T23:00:00.000Z', '2026-11-26T23:00:00.000Z', '2026-11-27T08:00:00.000Z', 4, 0, '{}')`;

describe('migration 0120 (Z-reports)', () => {
  it('keeps every row and adds reports and lines that are never rewritten', () => {
    const db = openAtVersion(dir.path, 110);
    seedOldSales(db, 8, (i) => oldSale(i, { status: 'paid' }));
    db.prepare("INSERT INTO refunds (sale_id, at, crypto_amount, token, fiat_minor, currency, tx_hash, reason) VALUES ('sale-0001', 'x', '1', 'USDT', 5, 'EUR', 'h', 'r')").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    const refundsBefore = db.prepare('SELECT * FROM refunds').all();

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(120);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.prepare('SELECT * FROM refunds').all()).toEqual(refundsBefore);

    db.prepare(INSERT_CLOSE).run(1, '2026-11-26');
    db.prepare("INSERT INTO day_close_lines (report_number, sale_id, kind, snapshot) VALUES (1, 'sale-0001', 'day', '{}')").run();
    expect(() => db.prepare(INSERT_CLOSE).run(2, '2026-11-26')).toThrow(/UNIQUE/);
    expect(() => db.prepare(INSERT_CLOSE).run(0, '2026-11-27')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE day_closes SET report = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM day_closes').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE day_close_lines SET kind = 'rebook'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO day_close_lines (report_number, sale_id, kind, snapshot) VALUES (9, 'sale-0001', 'day', '{}')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO day_close_lines (report_number, sale_id, kind, snapshot) VALUES (1, 'sale-0001', 'other', '{}')").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
