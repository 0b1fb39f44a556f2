// The shop ledger for tests and the bench: a database on a throwaway cluster set up as its admin
// would (schema, a login role per counter and one for the owner), queries as any of those roles, and
// counters' ledgers seeded with many sales and their events. No test framework here (the bench uses it).
import Database from 'better-sqlite3';
import { registerSaleTotalFunctions } from '../../electron/pos/store/sale-totals-sql';
import pg from 'pg';
import { join } from 'node:path';
import { newSaleId } from '../../electron/pos/ids';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import { createLoginRole, type RoleKind } from '../../electron/pos/shop/roles';
import { migrateShopLedger } from '../../electron/pos/shop/schema';
import { ledgerRows } from './ledger-file';
import type { PostgresCluster } from './postgres';

export interface ShopDatabase {
  adminUrl: string;
  /** Login role URL per name given (counter_<name> or owner_<name>). */
  urls: Record<string, string>;
}

let databases = 0;

/** A new database with the shop schema and login roles `counter_<name>` for each counter and `owner_<name>` for each owner. */
export async function shopDatabase(cluster: PostgresCluster, roles: { counters?: string[]; owners?: string[] } = {}): Promise<ShopDatabase> {
  databases += 1;
  const name = `shop_${process.pid}_${databases}`;
  const adminUrl = await cluster.createDatabase(name);
  const urls: Record<string, string> = {};
  await withClient(adminUrl, async (client) => {
    await migrateShopLedger(client);
    const wanted: [RoleKind, string][] = [...(roles.counters ?? []).map((n): [RoleKind, string] => ['counter', n]), ...(roles.owners ?? []).map((n): [RoleKind, string] => ['owner', n])];
    for (const [kind, roleName] of wanted) {
      // Roles belong to the whole cluster: each database's roles get their own names.
      const role = `${kind}_${roleName}_${databases}`;
      const password = `pw-${role}-${Math.random().toString(36).slice(2)}`;
      await createLoginRole(client, kind, role, password);
      urls[roleName] = cluster.urlFor(role, password, name);
    }
  });
  return { adminUrl, urls };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function shopRows<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query<T>(sql, params)).rows);
}

const CAUSES = ['cashier charged', 'invoice created', 'paid by notice'] as const;

/**
 * `count` sales, each with three events (charged → pending → paid), written into a ledger file the app
 * opened and migrated before, in one transaction with no fsync. Returns the number of events.
 */
export function seedSalesWithEvents(file: string, count: number, start = new Date('2026-11-26T08:00:00.000Z')): number {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = OFF');
  // The totals' triggers (migration 0130) call the books' functions.
  registerSaleTotalFunctions(db);
  const sale = db.prepare(`INSERT INTO sales (id, status, amount_minor, currency, note, created_at, updated_at, sandbox, blockchain, invoice_id,
    crypto_amount, crypto_symbol, address, webhook_url, paid_at, paid_crypto_amount, tx_hash, tip_minor, cashier)
    VALUES (?, 'paid', ?, 'EUR', ?, ?, ?, 0, 'tether-trc20', ?, ?, 'USDT', 'TXYZ1234567890abcdefTRONaddress', 'http://127.0.0.1:1/mitilena/webhook/secret-token', ?, ?, ?, ?, ?)`);
  const event = db.prepare('INSERT INTO sale_events (sale_id, at, from_status, to_status, cause, detail) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(start.getTime() + i * 1000);
      const iso = at.toISOString();
      const id = newSaleId(at);
      const amount = 100 + ((i * 7919) % 50_000);
      const crypto = `${Math.floor(amount / 90)}.${String(amount % 1_000_000).padStart(6, '0')}`;
      sale.run(id, amount, i % 7 === 0 ? `table ${i % 12}` : '', iso, iso, `inv-${i}`, crypto, iso, crypto, `${i.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`, i % 5 === 0 ? 50 : 0, i % 3 === 0 ? 'Ana' : null);
      event.run(id, iso, null, 'creating', CAUSES[0], JSON.stringify({ amount: String(amount) }));
      event.run(id, iso, 'creating', 'pending', CAUSES[1], JSON.stringify({ invoiceId: `inv-${i}` }));
      event.run(id, iso, 'pending', 'paid', CAUSES[2], JSON.stringify({ txHash: 'x' }));
    }
  })();
  db.close();
  return count * CAUSES.length;
}

/** The counter's id and cursor as its own ledger keeps them. */
export function replicationMeta(file: string): { counterId: string | null; cursor: number } {
  const rows = ledgerRows<{ key: string; value: string }>(file, "SELECT key, value FROM meta WHERE key IN ('shop_counter_id', 'shop_ledger_cursor')");
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
  return { counterId: value('shop_counter_id'), cursor: Number(value('shop_ledger_cursor') ?? 0) };
}

/** A data folder's ledger made by the app and seeded with `count` paid live sales from `start`: a counter to start on it. */
export function seededLedger(dir: string, count: number, start: Date): string {
  const file = join(dir, DATABASE_FILE);
  Ledger.open(file).close();
  seedSalesWithEvents(file, count, start);
  return file;
}
