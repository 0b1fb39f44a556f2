// Ledgers at an older schema, for the migration tests: opened with the app's own pragmas and stopped
// at a schema version, then seeded with plain SQL written for that schema (never with today's store,
// whose statements follow today's schema), migrated, and compared row by row.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../electron/pos/store/database';

export function openAtVersion(dir: string, version: number): Database.Database {
  return openDatabase(join(dir, 'ledger.sqlite3'), { targetVersion: version });
}

/** Every row of a table in id order, to compare before and after a migration. */
export function rowsOf(db: Database.Database, table: 'sales' | 'sale_events'): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
}

export function planOf(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
}

/** The sales columns of schema 0010, which every later schema still has. */
export const INSERT_SALE_0010 = `INSERT INTO sales (id, status, amount_minor, currency, note, created_at, updated_at, sandbox, blockchain,
  request_id, invoice_id, payment_page, crypto_amount, crypto_symbol, address, expires_at, webhook_url, failure, review_reason,
  review_detail, overpaid, paid_at, paid_crypto_amount, tx_hash)
  VALUES (@id, @status, @amountMinor, @currency, @note, @createdAt, @createdAt, @sandbox, 'tether-trc20',
  @requestId, @invoiceId, NULL, @cryptoAmount, 'USDT', NULL, NULL, @webhookUrl, NULL, NULL, NULL, 0, @paidAt, @paidCryptoAmount, @txHash)`;

export const INSERT_EVENT_0010 = `INSERT INTO sale_events (sale_id, at, from_status, to_status, cause, detail, notice_key)
  VALUES (@saleId, @at, @fromStatus, @toStatus, @cause, @detail, @noticeKey)`;

export interface OldSale {
  id: string;
  status: string;
  amountMinor: number;
  currency: string;
  note: string;
  createdAt: string;
  sandbox: 0 | 1;
  requestId: string | null;
  invoiceId: string | null;
  cryptoAmount: string | null;
  webhookUrl: string | null;
  paidAt: string | null;
  paidCryptoAmount: string | null;
  txHash: string | null;
}

/** A sale row of the 0010 shape, with its defaults; tests override what they rely on. */
export function oldSale(index: number, overrides: Partial<OldSale> = {}): OldSale {
  return {
    id: `sale-${String(index).padStart(4, '0')}`,
    status: 'pending',
    amountMinor: 100 + index,
    currency: 'EUR',
    note: `note ${index} "quoted", ✓`,
    createdAt: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00.000Z`,
    sandbox: index % 2 === 0 ? 1 : 0,
    requestId: `req-${index}`,
    invoiceId: `inv-${index}`,
    cryptoAmount: `1.00000${index % 10}`,
    webhookUrl: 'http://127.0.0.1/x',
    paidAt: null,
    paidCryptoAmount: null,
    txHash: null,
    ...overrides,
  };
}

/** Seeds `count` sales and two events each (created, then its status) with the 0010 statements. */
export function seedOldSales(db: Database.Database, count: number, make: (index: number) => OldSale = oldSale): void {
  const sale = db.prepare(INSERT_SALE_0010);
  const event = db.prepare(INSERT_EVENT_0010);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const row = make(i);
      sale.run(row);
      event.run({ saleId: row.id, at: row.createdAt, fromStatus: null, toStatus: 'creating', cause: 'cashier charged', detail: JSON.stringify({ i }), noticeKey: null });
      event.run({ saleId: row.id, at: row.createdAt, fromStatus: 'creating', toStatus: row.status, cause: 'seed', detail: null, noticeKey: `key-${i}` });
    }
  })();
}
