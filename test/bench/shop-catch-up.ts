// The shop ledger's catch-up after an outage: a counter whose ledger holds 100,000 sale events the
// shop ledger has never seen starts with the URL set, and sends them all (batches of the default
// size, one transaction each, fsync on in PostgreSQL and for the counter's cursor) to a real
// PostgreSQL on this machine. Prints events/s and the longest event-loop stall meanwhile (the
// webhook listener shares that loop). Needs PostgreSQL's server programs (test/helpers/postgres.ts).
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startCore } from '../../electron/pos/core';
import { DEFAULT_BATCH_EVENTS } from '../../electron/pos/shop/replicator';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import { startPostgres } from '../helpers/postgres';
import { memorySecrets } from '../helpers/secrets';
import { seedSalesWithEvents, shopDatabase, shopRows } from '../helpers/shop-ledger-db';
import { tempDir } from '../helpers/temp';

const SALES = 33_334; // three events each: 100,002 events

async function catchUp(url: string, batchEvents: number): Promise<{ events: number; seconds: number; longestStallMs: number }> {
  const dir = tempDir('mitilena-bench-shop-');
  try {
    const file = join(dir.path, DATABASE_FILE);
    Ledger.open(file).close();
    const events = seedSalesWithEvents(file, SALES);
    const stall = monitorEventLoopDelay({ resolution: 10 });
    const core = await startCore({ dataDir: dir.path, secrets: memorySecrets({ shopLedgerUrl: url }), counterName: 'Bench till', shopLedger: { batchEvents } });
    const started = performance.now();
    stall.enable();
    while (core.status().shopLedger.state !== 'synced') await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = (performance.now() - started) / 1000;
    stall.disable();
    await core.close();
    return { events, seconds, longestStallMs: stall.max / 1e6 };
  } finally {
    dir.remove();
  }
}

export async function benchShopCatchUp(): Promise<void> {
  console.log('Shop ledger: catching up 100,000 events after an outage (PostgreSQL on this machine, fsync on)');
  const cluster = await startPostgres({ fsync: true });
  try {
    for (const batchEvents of [DEFAULT_BATCH_EVENTS, 100, 2_000]) {
      const shop = await shopDatabase(cluster, { counters: ['bench'] });
      const run = await catchUp(shop.urls.bench as string, batchEvents);
      const [held] = await shopRows<{ n: string }>(shop.adminUrl, 'SELECT count(*) AS n FROM shop.sale_events');
      const rate = Math.round(run.events / run.seconds).toLocaleString('en-US');
      const label = batchEvents === DEFAULT_BATCH_EVENTS ? `${batchEvents} (default)` : String(batchEvents);
      console.log(
        `  batch ${label.padEnd(13)} ${run.events.toLocaleString('en-US')} events in ${run.seconds.toFixed(2)} s = ${rate} events/s; ` +
          `longest event-loop stall ${run.longestStallMs.toFixed(1)} ms; ${Number(held?.n).toLocaleString('en-US')} events in the shop ledger`,
      );
    }
  } finally {
    await cluster.remove();
  }
  console.log('');
}
