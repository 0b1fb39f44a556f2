// Replication counter → shop ledger against a real PostgreSQL, with real cores in-process: every sale
// and event arrives once with every column the books need; a batch sent again, a new shop database, a
// server stopped like a power cut mid-stream while the counter keeps selling, a ledger restored from
// an older backup. The URL and its password never show in the status or the log.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import type { Sale } from '../../shared/sale';
import { alterLedger } from '../helpers/ledger-file';
import { memorySecrets } from '../helpers/secrets';
import { clusterForThisFile, expectExactlyOnce, replicationMeta, seedSalesWithEvents, shopDatabase, shopRows, waitUntil } from '../helpers/shop-ledger';
import { tempDir } from '../helpers/temp';

const FAST_RETRY = { retryInitialMs: 100, retryMaxMs: 400 };

const cluster = clusterForThisFile();
let dir: ReturnType<typeof tempDir>;
let core: RunningCore | null = null;
const logged: string[] = [];

afterEach(async () => {
  await core?.close();
  core = null;
  dir?.remove();
  logged.length = 0;
});

async function startCounter(url: string, options: { batchEvents?: number; counterName?: string; data?: string } = {}): Promise<RunningCore> {
  dir ??= tempDir();
  core = await startCore({
    dataDir: options.data ?? dir.path,
    secrets: memorySecrets({ shopLedgerUrl: url }),
    counterName: options.counterName ?? 'Till 1',
    shopLedger: { ...FAST_RETRY, batchEvents: options.batchEvents },
    log: (line) => logged.push(line),
  });
  return core;
}

async function sell(running: RunningCore, amount: string, note = ''): Promise<Sale> {
  const started = await running.handlers.startSale({ amount, note });
  if (!started.ok) throw new Error(started.error.message);
  const paid = await fetch(`${started.value.paymentPage}/simulate`, { method: 'POST', body: new URLSearchParams({ kind: 'full' }) });
  expect(paid.status).toBeLessThan(400);
  await waitUntil('the sale is paid', () => running.ledger.getSale(started.value.id)?.status === 'paid', 10_000);
  return running.ledger.getSale(started.value.id) as Sale;
}

// Synced in the status and in truth: the status may still say "synced" for a moment after new events
// were written and before the replicator counted them, so the cursor must have reached the last event.
const synced = (running: RunningCore) => () =>
  running.status().shopLedger.state === 'synced' && running.ledger.replication.cursor() === running.ledger.replication.lastEventId();

describe('replication to the shop ledger', () => {
  it('sends every sale and event once, with every column the books need, and keeps the webhook URL on the counter', async () => {
    dir = tempDir();
    const shop = await shopDatabase(cluster(), { counters: ['till'], owners: ['desk'] });
    const running = await startCounter(shop.urls.till as string);
    const sale = await sell(running, '12.50', 'table 4 \u0000 espresso');
    await sell(running, '3.00');
    await waitUntil('the shop ledger is up to date', synced(running));
    const file = join(dir.path, DATABASE_FILE);
    expect(await expectExactlyOnce(shop.adminUrl, file)).toEqual({ events: expect.any(Number), sales: 2 });

    const [row] = await shopRows(shop.urls.desk as string, 'SELECT s.*, c.name AS counter_name FROM shop.sales s JOIN shop.counters c USING (counter_id) WHERE sale_id = $1', [sale.id]);
    expect(row).toMatchObject({
      counter_name: 'Till 1',
      status: 'paid',
      amount_minor: '1250',
      currency: 'EUR',
      tip_minor: '0',
      note: 'table 4 \uFFFD espresso',
      sandbox: true,
      blockchain: sale.blockchain,
      crypto_amount: sale.cryptoAmount,
      crypto_symbol: sale.cryptoSymbol,
      paid_crypto_amount: sale.paidCryptoAmount,
      tx_hash: sale.txHash,
      invoice_id: sale.invoiceId,
    });
    expect((row?.paid_at as Date).toISOString()).toBe(sale.paidAt);
    expect((row?.created_at as Date).toISOString()).toBe(sale.createdAt);
    expect(row?.source).toMatchObject({ id: sale.id, amount_minor: 1250, cashier: null, linked_sale_id: null, review_reason: null });
    expect(JSON.stringify(row?.source)).not.toMatch(/webhook_url|key_fingerprint|mitilena\/webhook/);
    expect(running.status().shopLedger).toEqual({ state: 'synced', behind: 0, message: 'Shop ledger: up to date' });
  });

  it('sends a batch again when the counter stopped between the server commit and its own cursor move, and nothing is doubled', async () => {
    dir = tempDir();
    const shop = await shopDatabase(cluster(), { counters: ['till'] });
    const file = join(dir.path, DATABASE_FILE);
    let running = await startCounter(shop.urls.till as string, { batchEvents: 2 });
    await sell(running, '1.00');
    await sell(running, '2.00');
    await waitUntil('the shop ledger is up to date', synced(running));
    const before = await expectExactlyOnce(shop.adminUrl, file);
    await running.close();
    core = null;
    // The cursor as if the app had died right after the server's COMMIT, every time.
    alterLedger(file, "UPDATE meta SET value = '0' WHERE key = 'shop_ledger_cursor'");
    running = await startCounter(shop.urls.till as string, { batchEvents: 2 });
    await waitUntil('the cursor is back at the end', () => replicationMeta(file).cursor === running.ledger.replication.lastEventId());
    expect(await expectExactlyOnce(shop.adminUrl, file)).toEqual(before);
  });

  it('sends everything again to a new, empty shop database: the cursor follows what the server holds', async () => {
    dir = tempDir();
    const first = await shopDatabase(cluster(), { counters: ['till'] });
    const second = await shopDatabase(cluster(), { counters: ['till'] });
    const running = await startCounter(first.urls.till as string);
    await sell(running, '4.20');
    await waitUntil('the first shop ledger is up to date', synced(running));
    expect((await running.handlers.updateSettings({ shopLedgerUrl: second.urls.till as string })).ok).toBe(true);
    await waitUntil('the second shop ledger has every event', async () => (await shopRows(second.adminUrl, 'SELECT 1 FROM shop.sale_events')).length === running.ledger.replication.lastEventId());
    await expectExactlyOnce(second.adminUrl, join(dir.path, DATABASE_FILE));
    expect(logged.join('\n')).toMatch(/holds this counter's events up to #0/);
  });

  it('keeps selling while PostgreSQL is stopped like a power cut mid-stream, then delivers everything exactly once', async () => {
    dir = tempDir();
    const shop = await shopDatabase(cluster(), { counters: ['till'] });
    const file = join(dir.path, DATABASE_FILE);
    // The ledger made and migrated by a first start without a URL, then filled: 6,000 events to catch up.
    await (await startCore({ dataDir: dir.path, secrets: memorySecrets() })).close();
    const seeded = seedSalesWithEvents(file, 2_000);
    const running = await startCounter(shop.urls.till as string, { batchEvents: 25 });
    await waitUntil('some batches are in', () => running.ledger.replication.cursor() > 0, 20_000);
    await cluster().stop({ mode: 'immediate' });
    const cursorAtStop = running.ledger.replication.cursor();
    expect(cursorAtStop).toBeGreaterThan(0);
    expect(cursorAtStop).toBeLessThan(seeded);

    const during = [await sell(running, '7.70'), await sell(running, '8.80')];
    await waitUntil('the status says unreachable', () => running.status().shopLedger.state === 'unreachable', 10_000);
    const status = running.status().shopLedger;
    expect(status.behind).toBeGreaterThan(0);
    expect(status.message).toMatch(/^Shop ledger: [\d,]+ changes to sales waiting, server unreachable since (\d{4}-\d\d-\d\d )?\d\d:\d\d \(/);
    expect(during.every((sale) => sale.status === 'paid')).toBe(true);

    await cluster().start();
    await waitUntil('the shop ledger caught up', synced(running), 60_000);
    const counts = await expectExactlyOnce(shop.adminUrl, file);
    expect(counts.sales).toBe(2_002);
    const secret = new URL(shop.urls.till as string).password;
    expect(JSON.stringify(running.status()) + logged.join('\n')).not.toContain(secret);
    expect(logged.join('\n')).toMatch(/shop ledger: reachable again/);
  }, 120_000);

  it('stops, and says why, when the shop ledger holds other events under this counter\'s ids (its ledger restored from an older backup)', async () => {
    dir = tempDir();
    const shop = await shopDatabase(cluster(), { counters: ['till'] });
    const file = join(dir.path, DATABASE_FILE);
    let running = await startCounter(shop.urls.till as string);
    await sell(running, '1.10');
    await waitUntil('up to date', synced(running));
    const backup = join(dir.path, 'older.sqlite3');
    await running.ledger.backupTo(backup);
    await sell(running, '2.20');
    await waitUntil('up to date again', synced(running));
    await running.close();
    core = null;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(backup, file);
    running = await startCounter(shop.urls.till as string);
    await sell(running, '9.90');
    await waitUntil('replication stopped', () => running.status().shopLedger.state === 'unreachable');
    expect(running.status().shopLedger.message).toMatch(/restored from an older backup\?/);
    const held = await shopRows(shop.adminUrl, 'SELECT count(*)::int AS n FROM shop.sales');
    expect(held).toEqual([{ n: 2 }]);
  });
});
