// The shop ledger in tests: what shop-ledger-db.ts sets up, polling until something holds, and the
// exactly-once check: the shop ledger holds every event and sale row of a counter's own ledger once,
// as it is on the counter, and nothing else.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, type BrowserMode } from './browser-mode';
import { ledgerRows } from './ledger-file';
import { startPostgres, type PostgresCluster } from './postgres';
import { replicationMeta, shopRows } from './shop-ledger-db';

export { replicationMeta, seededLedger, seedSalesWithEvents, shopDatabase, shopRows, withClient, type ShopDatabase } from './shop-ledger-db';

/** A throwaway cluster for the calling test file: started before its tests, removed after them. */
export function clusterForThisFile(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.remove();
  });
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster of this file did not start');
    return cluster;
  };
}

/** Polls `check` until it returns true; fails with `what` and the last value seen. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Every event and sale of the counter's ledger is in the shop ledger exactly once, as it is on the counter; nothing else is. */
export async function expectExactlyOnce(adminUrl: string, ledgerFile: string): Promise<{ events: number; sales: number }> {
  const { counterId } = replicationMeta(ledgerFile);
  const localEvents = ledgerRows<{ id: number; sale_id: string; to_status: string; cause: string; at: string }>(ledgerFile, 'SELECT id, sale_id, to_status, cause, at FROM sale_events ORDER BY id');
  const localSales = ledgerRows<{ id: string; status: string; amount_minor: number; currency: string; updated_at: string }>(ledgerFile, 'SELECT id, status, amount_minor, currency, updated_at FROM sales ORDER BY id');
  const events = await shopRows<{ event_id: string; sale_id: string; to_status: string; cause: string; at: Date }>(
    adminUrl,
    'SELECT event_id, sale_id, to_status, cause, at FROM shop.sale_events WHERE counter_id = $1 ORDER BY event_id',
    [counterId],
  );
  const sales = await shopRows<{ sale_id: string; status: string; amount_minor: string; currency: string; updated_at: Date }>(
    adminUrl,
    'SELECT sale_id, status, amount_minor, currency, updated_at FROM shop.sales WHERE counter_id = $1 ORDER BY sale_id',
    [counterId],
  );
  expect(events.map((row) => ({ id: Number(row.event_id), sale_id: row.sale_id, to_status: row.to_status, cause: row.cause, at: row.at.toISOString() }))).toEqual(localEvents);
  expect(sales.map((row) => ({ id: row.sale_id, status: row.status, amount_minor: Number(row.amount_minor), currency: row.currency, updated_at: row.updated_at.toISOString() }))).toEqual(
    [...localSales].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  return { events: events.length, sales: sales.length };
}

/** A sandbox sale on a browser-mode counter, paid with "Simulate payment" (waited for) or cancelled. */
export async function sell(mode: BrowserMode, amount: string, ending: 'paid' | 'cancelled'): Promise<void> {
  const sale = await callApi<Sale>(mode, 'startSale', { amount });
  if (ending === 'cancelled') {
    await callApi(mode, 'cancelSale', { saleId: sale.id });
    return;
  }
  await fetch(`${sale.paymentPage}/simulate`, { method: 'POST', body: new URLSearchParams({ kind: 'full' }) });
  await waitUntil(`${amount} is paid`, async () => (await callApi<Sale>(mode, 'getSale', { saleId: sale.id })).status === 'paid', 10_000);
}
