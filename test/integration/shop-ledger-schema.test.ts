// The shop ledger's schema and security against a real PostgreSQL: migrations applied once when two
// processes start together (the advisory lock), a newer schema refused, a counter role that cannot set
// it up told which command to run; row-level security: a counter writes and reads only its own rows,
// even trying with another counter's id; the owner's role reads everything and writes nothing; and
// `npm run shop-ledger:init` (the built CLI) making roles whose URLs work.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { claimCounter } from '../../electron/pos/shop/counter-claim';
import { ShopLedgerRefusal } from '../../electron/pos/shop/errors';
import { SHOP_MIGRATIONS, SHOP_SCHEMA_VERSION } from '../../electron/pos/shop/migrations';
import { pushBatch } from '../../electron/pos/shop/push';
import { createLoginRole } from '../../electron/pos/shop/roles';
import { migrateShopLedger, requireShopSchema } from '../../electron/pos/shop/schema';
import { ShopLedgerClient } from '../../electron/pos/shop/shop-client';
import type { ReplicationBatch } from '../../electron/pos/store/ledger';
import { clusterForThisFile, shopDatabase, shopRows, withClient } from '../helpers/shop-ledger';

const INIT_SCRIPT = fileURLToPath(new URL('../../dist/shop-ledger-init.js', import.meta.url));
const COUNTER_A = '11111111-1111-4111-8111-111111111111';
const COUNTER_B = '22222222-2222-4222-8222-222222222222';

const cluster = clusterForThisFile();

function batchOf(saleId: string, firstEventId: number): ReplicationBatch {
  const at = '2026-11-26T10:00:00.000Z';
  const row = { id: saleId, status: 'paid', amount_minor: 1250, currency: 'EUR', note: '', created_at: at, updated_at: at, sandbox: 0, blockchain: 'tether-trc20', overpaid: 0, tip_minor: 0 };
  const event = (id: number, toStatus: 'creating' | 'paid', cause: string) => ({ id, sale_id: saleId, at, from_status: null, to_status: toStatus, cause, detail: '{"k":1}', notice_key: null });
  return {
    events: [event(firstEventId, 'creating', 'cashier charged'), event(firstEventId + 1, 'paid', 'notice: paid')],
    sales: [{ row, lastEventId: firstEventId + 1 }],
    firstEventId,
    lastEventId: firstEventId + 1,
  };
}

async function claimed(url: string, counterId: string, name: string): Promise<ShopLedgerClient> {
  const client = new ShopLedgerClient(url);
  await client.withConnection((connection) => claimCounter(connection, { counterId, name, appVersion: 'test', localLastEventId: 1_000 }));
  return client;
}

async function refusal(url: string, sql: string, params: unknown[]): Promise<string> {
  try {
    await shopRows(url, sql, params);
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
  return 'accepted';
}

function runInit(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [INIT_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHOP_LEDGER_ADMIN_URL: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the shop schema', () => {
  it('is applied once when two processes set it up at the same moment (advisory lock)', async () => {
    const url = await cluster().createDatabase('race');
    const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all(clients.map((client) => client.connect()));
    const applied = await Promise.all(clients.map((client) => migrateShopLedger(client)));
    await Promise.all(clients.map((client) => client.end()));
    expect(applied.map((versions) => versions.length).sort()).toEqual([0, SHOP_MIGRATIONS.length]);
    expect(await shopRows(url, 'SELECT version FROM shop.schema_migrations ORDER BY version')).toEqual(SHOP_MIGRATIONS.map(({ version }) => ({ version })));
  });

  it('refuses a schema newer than this code, and a counter role that cannot set it up says which command to run', async () => {
    const shop = await shopDatabase(cluster(), { counters: ['newer'] });
    await shopRows(shop.adminUrl, "INSERT INTO shop.schema_migrations (version, name) VALUES (9990, 'from the future')");
    const newer = await withClient(shop.urls.newer as string, (client) => requireShopSchema(client).catch((error: unknown) => error));
    expect(newer).toBeInstanceOf(ShopLedgerRefusal);
    expect(String(newer)).toMatch(/set up by a newer version of Mitilena Counter \(schema 9990, this counter knows \d+\); update this counter/);

    const bare = await cluster().createDatabase('bare');
    await withClient(bare, (client) => createLoginRole(client, 'counter', 'counter_bare', 'bare-password-123'));
    const missing = await withClient(cluster().urlFor('counter_bare', 'bare-password-123', 'bare'), (client) => requireShopSchema(client).catch((error: unknown) => error));
    expect(String(missing)).toMatch(/the shop ledger is not set up in this database; its admin runs npm run shop-ledger:init -- <admin URL> once/);
  });
});

describe('row-level security', () => {
  it("refuses a counter's writes of another counter's rows, and hides them from it", async () => {
    const shop = await shopDatabase(cluster(), { counters: ['a', 'b'], owners: ['desk'] });
    const a = await claimed(shop.urls.a as string, COUNTER_A, 'Till A');
    const b = await claimed(shop.urls.b as string, COUNTER_B, 'Till B');
    await pushBatch(a, COUNTER_A, batchOf('sale-A', 1));
    await pushBatch(b, COUNTER_B, batchOf('sale-B', 1));
    const bUrl = shop.urls.b as string;

    await expect(pushBatch(b, COUNTER_A, batchOf('sale-forged', 3))).rejects.toMatchObject({ code: '42501' });
    expect(await refusal(bUrl, "INSERT INTO shop.sale_events (counter_id, event_id, sale_id, at, to_status, cause) VALUES ($1, 99, 'sale-A', now(), 'voided', 'forged')", [COUNTER_A])).toMatch(
      /^42501: new row violates row-level security policy/,
    );
    expect(await refusal(bUrl, "UPDATE shop.sales SET counter_id = $1 WHERE sale_id = 'sale-B'", [COUNTER_A])).toMatch(/^42501: new row violates row-level security policy/);
    // Another counter's rows are invisible to it: an update finds nothing to change.
    expect(await shopRows(bUrl, "UPDATE shop.sales SET status = 'voided' WHERE counter_id = $1 RETURNING sale_id", [COUNTER_A])).toEqual([]);
    expect(await shopRows(bUrl, 'SELECT sale_id FROM shop.sales UNION ALL SELECT sale_id FROM shop.sale_events')).toEqual([{ sale_id: 'sale-B' }, { sale_id: 'sale-B' }, { sale_id: 'sale-B' }]);
    expect(await shopRows(bUrl, 'SELECT name FROM shop.counters')).toEqual([{ name: 'Till B' }]);
    // Its own row's identity is not its to change, not even through SET ROLE.
    expect(await refusal(bUrl, 'UPDATE shop.counters SET counter_id = $1', [COUNTER_A])).toMatch(/^42501: permission denied/);
    const asGroup = await withClient(bUrl, async (client) => {
      await client.query('SET ROLE shop_counter');
      return client.query("INSERT INTO shop.counters (counter_id, role_name, name) VALUES ($1, 'shop_counter', 'via SET ROLE')", [COUNTER_A]).catch((error: Error) => error.message);
    });
    expect(asGroup).toMatch(/new row violates row-level security policy/);
    await expect(claimed(bUrl, COUNTER_A, 'Till B pretending')).rejects.toThrow(/this database role already belongs to another counter \("Till B"\)/);
    // The event log is append-only, even for the counter that wrote it.
    expect(await refusal(shop.urls.a as string, 'DELETE FROM shop.sale_events', [])).toMatch(/^42501: permission denied/);
    expect(await refusal(shop.adminUrl, "UPDATE shop.sale_events SET cause = 'edited'", [])).toMatch(/append-only/);

    expect(await shopRows(shop.adminUrl, "SELECT status FROM shop.sales WHERE sale_id = 'sale-A'")).toEqual([{ status: 'paid' }]);
    const desk = shop.urls.desk as string;
    expect((await shopRows(desk, 'SELECT c.name, s.sale_id FROM shop.sales s JOIN shop.counters c USING (counter_id) ORDER BY c.name')).map((row) => Object.values(row).join(' '))).toEqual([
      'Till A sale-A',
      'Till B sale-B',
    ]);
    expect(await shopRows(desk, 'SELECT count(*)::int AS n FROM shop.sale_events')).toEqual([{ n: 4 }]);
    expect(await refusal(desk, "UPDATE shop.sales SET status = 'voided'", [])).toMatch(/^42501: permission denied/);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses a counter's id already held by another role", async () => {
    const shop = await shopDatabase(cluster(), { counters: ['first', 'second'] });
    const first = await claimed(shop.urls.first as string, COUNTER_A, 'First');
    await expect(claimed(shop.urls.second as string, COUNTER_A, 'Second')).rejects.toThrow(/this counter's id is already held by another database role/);
    await first.close();
  });
});

describe('npm run shop-ledger:init', () => {
  it('sets up the schema and makes a counter role and an owner role whose URLs work; run again, it changes nothing', async () => {
    const adminUrl = await cluster().createDatabase('init_cli');
    const suffix = String(process.pid);
    const first = await runInit([adminUrl, '--counter', `till-${suffix}`, '--owner', `desk_${suffix}`]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(new RegExp(`Shop ledger schema: ${SHOP_SCHEMA_VERSION} \\(applied 0010, 0020\\)`));
    const counterUrl = new RegExp(`counter_till_${suffix}: created[\\s\\S]*?\\n  (postgres://\\S+)`).exec(first.output)?.[1] as string;
    const ownerUrl = new RegExp(`owner_desk_${suffix}: created[\\s\\S]*?\\n  (postgres://\\S+)`).exec(first.output)?.[1] as string;
    expect(first.output).toContain('CREATE ROLE counter_till_1 LOGIN PASSWORD');
    const till = await claimed(counterUrl, COUNTER_B, 'Till from the CLI');
    await pushBatch(till, COUNTER_B, batchOf('sale-cli', 1));
    await till.close();
    expect(await shopRows(ownerUrl, 'SELECT sale_id FROM shop.sales')).toEqual([{ sale_id: 'sale-cli' }]);

    const again = await runInit([adminUrl, '--counter', `till_${suffix}`]);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/\(already up to date\)[\s\S]*exists already, left as it is/);
  });

  it('says what is wrong without showing the password', async () => {
    const wrong = await runInit(['https://admin:hunter2-secret@db.example/shop']);
    expect(wrong.code).toBe(2);
    expect(wrong.output).toMatch(/must start with postgres:\/\//);
    const closed = cluster().urlFor('postgres', 'hunter2-secret', 'postgres').replace(`:${cluster().port}/`, ':1/');
    const unreachable = await runInit([closed]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/shop-ledger:init: the server refused the connection/);
    expect(wrong.output + unreachable.output).not.toContain('hunter2-secret');
  });
});
