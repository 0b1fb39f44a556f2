// Shop migration 0020 on a shop ledger written at 0010: the books' columns are filled from each
// sale's `source` (what the counter sent), nothing else changes, and the new tables are append-only.
import { describe, expect, it } from 'vitest';
import { migration as m0010 } from '../../electron/pos/shop/migrations/0010-counters-sales-events';
import { migrateShopLedger } from '../../electron/pos/shop/schema';
import { clusterForThisFile, shopRows, withClient } from '../helpers/shop-ledger';

const cluster = clusterForThisFile();
const COUNTER = '22222222-2222-4222-8222-222222222222';

const AT_0010 = `CREATE SCHEMA shop;
CREATE TABLE shop.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`;

function sale(id: string, source: Record<string, unknown>): unknown[] {
  return [COUNTER, id, source.status, source.amount_minor, JSON.stringify({ id, ...source })];
}

describe('shop migration 0020', () => {
  it('fills recognised and refunded amounts from what each counter sent, and keeps every row as it was', async () => {
    const url = await cluster().createDatabase('m0020');
    await withClient(url, async (client) => {
      await client.query(AT_0010);
      await client.query('BEGIN');
      await client.query(m0010.sql);
      await client.query("INSERT INTO shop.schema_migrations (version, name) VALUES (10, 'at 0010')");
      await client.query('COMMIT');
      await client.query("INSERT INTO shop.counters (counter_id, role_name, name) VALUES ($1, 'till', 'Till')", [COUNTER]);
      const insert = `INSERT INTO shop.sales (counter_id, sale_id, status, amount_minor, currency, sandbox, blockchain, created_at, updated_at, last_event_id, source)
        VALUES ($1, $2, $3, $4, 'EUR', false, 'tether-trc20', '2026-11-26T09:00:00Z', '2026-11-26T09:00:00Z', 3, $5::jsonb)`;
      await client.query(insert, sale('refunded', { status: 'partly-refunded', amount_minor: 1250, recognised_minor: 1000, refunded_minor: 300, refunded_crypto: '3.3' }));
      await client.query(insert, sale('before-0100', { status: 'paid', amount_minor: 700 }));
    });
    const before = await shopRows(url, 'SELECT * FROM shop.sales ORDER BY sale_id');

    expect(await withClient(url, (client) => migrateShopLedger(client))).toEqual([20]);
    const after = await shopRows<Record<string, unknown>>(url, 'SELECT * FROM shop.sales ORDER BY sale_id');
    expect(after.map(({ recognised_minor, refunded_minor, refunded_crypto, ...rest }) => [rest, { recognised_minor, refunded_minor, refunded_crypto }])).toEqual([
      [before[0], { recognised_minor: null, refunded_minor: '0', refunded_crypto: null }],
      [before[1], { recognised_minor: '1000', refunded_minor: '300', refunded_crypto: '3.3' }],
    ]);
    await shopRows(url, `INSERT INTO shop.refunds (counter_id, refund_id, sale_id, at, crypto_amount, token, fiat_minor, currency, tx_hash, reason)
      VALUES ($1, 1, 'refunded', now(), '3.3', 'USDT', 300, 'EUR', '0xabc12345', 'returned')`, [COUNTER]);
    await expect(shopRows(url, 'DELETE FROM shop.refunds')).rejects.toThrow('shop.refunds is append-only');
    await expect(shopRows(url, "UPDATE shop.refunds SET reason = 'changed'")).rejects.toThrow('shop.refunds is append-only');
  });
});
