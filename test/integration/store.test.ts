// The ledger on a real SQLite file in a temp dir.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/pos/store/database';
import { DatabaseTooNewError, LATEST_VERSION } from '../../electron/pos/store/migrations';
import { SalesStore, type NewSale } from '../../electron/pos/store/sales';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let file: string;

beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'ledger.sqlite3');
});
afterEach(() => dir.remove());

function newSale(id: string, overrides: Partial<NewSale> = {}): NewSale {
  return { id, status: 'creating', amountMinor: 1250, currency: 'EUR', note: '', sandbox: true, blockchain: 'tether-trc20', requestId: null, webhookUrl: null, ...overrides };
}

describe('sales store', () => {
  it('opens the ledger with WAL, foreign keys and synchronous=FULL at the latest schema', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    again.close();
  });

  it('keeps every transition in an append-only log', () => {
    const db = openDatabase(file);
    const store = new SalesStore(db);
    store.insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'cashier charged' });
    store.transition('sale-1', ['creating'], 'pending', '2026-11-26T10:00:01.000Z', { invoiceId: 'inv-1' }, { cause: 'invoice created' });
    expect(store.events('sale-1').map((event) => [event.fromStatus, event.toStatus, event.cause])).toEqual([
      [null, 'creating', 'cashier charged'],
      ['creating', 'pending', 'invoice created'],
    ]);
    expect(() => db.prepare("UPDATE sale_events SET cause = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sale_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses a transition the state machine does not allow and changes nothing', () => {
    const db = openDatabase(file);
    const store = new SalesStore(db);
    store.insertSale(newSale('sale-1', { status: 'pending' }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    expect(() => store.transition('sale-1', ['pending'], 'creating', '2026-11-26T10:00:01.000Z', {}, { cause: 'bad' })).toThrow(/cannot go from pending to creating/);
    expect(store.getSale('sale-1')?.status).toBe('pending');
    expect(store.events('sale-1')).toHaveLength(1);
    db.close();
  });

  it('does not move a sale that is no longer in the expected status', () => {
    const db = openDatabase(file);
    const store = new SalesStore(db);
    store.insertSale(newSale('sale-1', { status: 'paid' }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    expect(store.transition('sale-1', ['pending'], 'cancelled', '2026-11-26T10:00:01.000Z', {}, { cause: 'cancel' })).toBeNull();
    expect(store.getSale('sale-1')?.status).toBe('paid');
    expect(store.events('sale-1')).toHaveLength(1);
    db.close();
  });

  it('rejects an event for a sale that does not exist (foreign key)', () => {
    const db = openDatabase(file);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause) VALUES ('nope', 'x', 'paid', 'x')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('lists sales newest first within a time range and status', () => {
    const db = openDatabase(file);
    const store = new SalesStore(db);
    store.insertSale(newSale('sale-a'), '2026-11-25T23:59:59.999Z', { cause: 'test' });
    store.insertSale(newSale('sale-b'), '2026-11-26T08:00:00.000Z', { cause: 'test' });
    store.insertSale(newSale('sale-c', { status: 'pending' }), '2026-11-26T09:00:00.000Z', { cause: 'test' });
    store.insertSale(newSale('sale-d'), '2026-11-27T00:00:00.000Z', { cause: 'test' });
    const today = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
    expect(store.listSales(today).map((sale) => sale.id)).toEqual(['sale-c', 'sale-b']);
    expect(store.listSales({ ...today, status: 'pending' }).map((sale) => sale.id)).toEqual(['sale-c']);
    expect(store.listSales({ limit: 1 }).map((sale) => sale.id)).toEqual(['sale-d']);
    db.close();
  });

  it('answers the hot queries from indexes, not table scans', () => {
    const db = openDatabase(file);
    const plan = (sql: string, ...params: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan('SELECT * FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT 100', 'a', 'b')).toMatch(/USING INDEX sales_by_created/);
    expect(plan('SELECT * FROM sales WHERE status = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT 100', 'paid', 'a', 'b')).toMatch(/USING INDEX sales_by_status_created/);
    expect(plan("SELECT * FROM sales WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?", 'x')).toMatch(/USING INDEX sales_by_status_created/);
    expect(plan('SELECT * FROM sales WHERE invoice_id = ?', 'x')).toMatch(/USING INDEX sales_by_invoice/);
    expect(plan('SELECT 1 FROM sale_events WHERE notice_key = ?', 'x')).toMatch(/USING (COVERING )?INDEX sale_events_by_notice/);
    db.close();
  });

  it('survives a reopen with its rows intact', () => {
    const first = openDatabase(file);
    new SalesStore(first).insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    first.close();
    const second = openDatabase(file);
    expect(new SalesStore(second).getSale('sale-1')?.amountMinor).toBe(1250);
    second.close();
  });
});
