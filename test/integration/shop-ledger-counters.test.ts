// Two tills, one shop ledger: two browser-mode counters (`node dist/serve.js`, two data folders, each
// with its own role from SHOP_LEDGER_URL) replicate into one PostgreSQL cluster, and a counter killed
// with SIGKILL in the middle of catching up resumes from its cursor with nothing lost or doubled.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import type { PosStatus } from '../../shared/api';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { ledgerRows } from '../helpers/ledger-file';
import { clusterForThisFile, sell, expectExactlyOnce, replicationMeta, seedSalesWithEvents, shopDatabase, shopRows, waitUntil } from '../helpers/shop-ledger';
import { tempDir } from '../helpers/temp';

const cluster = clusterForThisFile();
const dirs: ReturnType<typeof tempDir>[] = [];
const counters: BrowserMode[] = [];

afterEach(async () => {
  for (const counter of counters.splice(0)) await counter.stop('SIGKILL');
  for (const dir of dirs.splice(0)) dir.remove();
});

function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

async function counter(data: string, name: string, url: string, extra: string[] = []): Promise<BrowserMode> {
  const mode = await startBrowserMode(['--data', data, '--counter-name', name, ...extra], { SHOP_LEDGER_URL: url });
  counters.push(mode);
  return mode;
}

const synced = (mode: BrowserMode) => async () => (await callApi<PosStatus>(mode, 'getStatus')).shopLedger.state === 'synced';

describe('two counters, one shop ledger', () => {
  it('replicates two browser-mode counters with their own data folders and roles into one cluster', async () => {
    const shop = await shopDatabase(cluster(), { counters: ['a', 'b'], owners: ['desk'] });
    const [dataA, dataB] = [folder(), folder()];
    const tillA = await counter(dataA, 'Till A', shop.urls.a as string);
    const tillB = await counter(dataB, 'Till B', shop.urls.b as string);
    await Promise.all([
      (async () => {
        for (const amount of ['12.50', '3.20', '7.05']) await sell(tillA, amount, 'paid');
      })(),
      (async () => {
        await sell(tillB, '40.00', 'paid');
        await sell(tillB, '1.99', 'cancelled');
        await sell(tillB, '0.01', 'paid');
      })(),
    ]);
    await waitUntil('both counters are up to date', async () => (await synced(tillA)()) && (await synced(tillB)()));
    await expectExactlyOnce(shop.adminUrl, join(dataA, DATABASE_FILE));
    await expectExactlyOnce(shop.adminUrl, join(dataB, DATABASE_FILE));

    const books = await shopRows<{ name: string; paid: string; sales: string }>(
      shop.urls.desk as string,
      `SELECT c.name, sum(s.amount_minor) FILTER (WHERE s.status = 'paid') AS paid, count(*) AS sales
         FROM shop.sales s JOIN shop.counters c USING (counter_id) GROUP BY c.name ORDER BY c.name`,
    );
    expect(books).toEqual([
      { name: 'Till A', paid: '2275', sales: '3' },
      { name: 'Till B', paid: '4001', sales: '3' },
    ]);
    const status = await callApi<PosStatus>(tillA, 'getStatus');
    expect(status.shopLedger).toEqual({ state: 'synced', behind: 0, message: 'Shop ledger: up to date' });
    expect(JSON.stringify(status) + tillA.output()).not.toContain(new URL(shop.urls.a as string).password);
  }, 90_000);

  it('resumes after SIGKILLs in the middle of catching up, with every event and sale there exactly once', async () => {
    const shop = await shopDatabase(cluster(), { counters: ['killed'] });
    const data = folder();
    const file = join(data, DATABASE_FILE);
    Ledger.open(file).close();
    const seeded = seedSalesWithEvents(file, 3_000);
    const serverMark = async () => Number((await shopRows<{ mark: string }>(shop.adminUrl, 'SELECT coalesce(max(last_event_id), 0) AS mark FROM shop.counters'))[0]?.mark ?? 0);

    const cursors: number[] = [];
    for (let round = 0; round < 3; round++) {
      const before = await serverMark();
      const till = await counter(data, 'Till K', shop.urls.killed as string, ['--shop-ledger-batch', '20']);
      await waitUntil('more batches are in', async () => (await serverMark()) > before);
      await till.stop('SIGKILL');
      counters.pop();
      cursors.push(replicationMeta(file).cursor);
    }
    // Each kill landed mid-stream: some events were confirmed, not all of them.
    for (const cursor of cursors) {
      expect(cursor).toBeGreaterThan(0);
      expect(cursor).toBeLessThan(seeded);
    }
    expect(await serverMark()).toBeGreaterThanOrEqual(cursors.at(-1) as number);

    const till = await counter(data, 'Till K', shop.urls.killed as string, ['--shop-ledger-batch', '20']);
    await waitUntil('the counter caught up', synced(till), 60_000);
    await sell(till, '5.55', 'paid');
    await waitUntil('the new sale is in', synced(till));
    expect(await expectExactlyOnce(shop.adminUrl, file)).toEqual({ events: seeded + 3, sales: 3_001 });
    expect(ledgerRows(file, 'SELECT count(*) AS n FROM sale_events')).toEqual([{ n: seeded + 3 }]);
  }, 180_000);
});
