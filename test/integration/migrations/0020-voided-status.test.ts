// Migration 0020 rebuilds sales and sale_events for the 'voided' status: seed at 0010, migrate, compare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0020 (voided status)', () => {
  it('keeps every sale and event row, indexes, triggers and foreign keys', () => {
    const db = openAtVersion(dir.path, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    seedOldSales(db, 50);
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(salesBefore).toHaveLength(50);
    expect(() => db.prepare("UPDATE sales SET status = 'voided' WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);

    migrate(db, 20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore);
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The new status is accepted, the log is still append-only and still tied to its sales.
    db.prepare("UPDATE sales SET status = 'voided' WHERE id = 'sale-0001'").run();
    db.prepare("INSERT INTO sale_events (sale_id, at, from_status, to_status, cause) VALUES ('sale-0001', 'x', 'pending', 'voided', 'owner voided')").run();
    expect(() => db.prepare('DELETE FROM sale_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE sale_events SET cause = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause) VALUES ('nope', 'x', 'paid', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause, notice_key) VALUES ('sale-0002', 'x', 'paid', 'x', 'key-2')").run()).toThrow(/UNIQUE/);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(names).toEqual(['sale_events_append_only_delete', 'sale_events_append_only_update', 'sale_events_by_notice', 'sale_events_by_sale', 'sales_by_created', 'sales_by_invoice', 'sales_by_status_created']);
    db.close();
  });
});
