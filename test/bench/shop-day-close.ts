// The whole shop's day close (issue 15): 10 counters × 100,000 sales each (100 days of 1,000 sales per
// counter, 8 s apart: 10,000 a day across the shop) seeded straight into a real PostgreSQL on this machine
// (generate_series, one statement per counter), then, read with the owner's role as the owner's desk
// reads: the day-close preview of one day, closing a day (the Z-report stored with its lines), the
// history totals of a day and of a month, and a history page. Medians; nothing asserted.
import { ShopLedgerClient } from '../../electron/pos/shop/shop-client';
import { shopDayClose, shopHistoryPage, shopHistorySummary } from '../../electron/pos/shop/desk/reads';
import { closeShopDay } from '../../electron/pos/shop/desk/z-report';
import { startPostgres } from '../helpers/postgres';
import { shopDatabase, withClient } from '../helpers/shop-ledger-db';
import { median, ms } from './stats';

const COUNTERS = 10;
const SALES_PER_COUNTER = 100_000;
const DAYS = 100;
const FIRST_DAY_MS = Date.UTC(2026, 6, 1);
const DAY_MS = 86_400_000;
const RUNS = 7;
const BUDGET = { previewMs: 500, closeMs: 1_000 };

// One counter's sales, made by the server: 90% paid (tips on one in five), 3% partly refunded, 5%
// cancelled, 2% in review; one in ten in the sandbox. `source` is the row as a counter sends it.
const SEED = `
WITH g AS (
  -- Day i % DAYS; k numbers the sales within a day, so every day gets the same mix.
  SELECT i, k, timestamptz 'epoch' + (($2::bigint + (i % $4::bigint) * ${DAY_MS} + k * 8000) * interval '1 millisecond') AS at,
    CASE WHEN k % 100 < 90 THEN 'paid' WHEN k % 100 < 93 THEN 'partly-refunded' WHEN k % 100 < 98 THEN 'cancelled' ELSE 'review' END AS status,
    100 + (i * 7919) % 50000 AS amount, k % 10 = 3 AS sandbox
  FROM generate_series(0, $3::bigint - 1) AS i, LATERAL (SELECT i / $4::bigint AS k) AS day_sale
), s AS (
  SELECT g.*, 'sale-' || lpad(to_hex(i), 26, '0') || substr(md5($1::text), 1, 4) AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS iso,
    CASE WHEN k % 5 = 0 THEN 50 ELSE 0 END AS tip, CASE WHEN status = 'partly-refunded' THEN amount / 4 ELSE 0 END AS refunded FROM g
)
INSERT INTO shop.sales (counter_id, sale_id, status, amount_minor, tip_minor, currency, note, cashier, sandbox, blockchain, crypto_amount, crypto_symbol,
  paid_at, paid_crypto_amount, created_at, updated_at, last_event_id, recognised_minor, refunded_minor, refunded_crypto, source)
SELECT $1::uuid, id, status, amount, tip, 'EUR', '', 'Ana', sandbox, 'tether-trc20', (amount / 90)::text, 'USDT',
  CASE WHEN status IN ('paid', 'partly-refunded', 'review') THEN at END, (amount / 90)::text, at, at, i * 3 + 3,
  CASE WHEN status = 'review' THEN NULL ELSE amount END, refunded, CASE WHEN refunded > 0 THEN '1' END,
  jsonb_build_object('id', id, 'status', status, 'amount_minor', amount, 'tip_minor', tip, 'currency', 'EUR', 'note', '', 'cashier', 'Ana',
    'sandbox', CASE WHEN sandbox THEN 1 ELSE 0 END, 'blockchain', 'tether-trc20', 'crypto_amount', (amount / 90)::text, 'crypto_symbol', 'USDT',
    'paid_at', CASE WHEN status IN ('paid', 'partly-refunded', 'review') THEN iso END, 'paid_crypto_amount', (amount / 90)::text,
    'created_at', iso, 'updated_at', iso, 'overpaid', 0, 'recognised_minor', CASE WHEN status = 'review' THEN NULL ELSE amount END,
    'refunded_minor', refunded, 'refunded_crypto', CASE WHEN refunded > 0 THEN '1' END, 'review_reason', CASE WHEN status = 'review' THEN 'underpaid' END)
FROM s`;

async function seed(adminUrl: string): Promise<number> {
  const started = performance.now();
  await withClient(adminUrl, async (client) => {
    for (let counter = 0; counter < COUNTERS; counter++) {
      const id = `00000000-0000-4000-8000-${String(counter + 1).padStart(12, '0')}`;
      await client.query('INSERT INTO shop.counters (counter_id, role_name, name, last_push_at, last_event_id) VALUES ($1, $2, $3, now(), $4)', [id, `bench_till_${counter}`, `Till ${counter + 1}`, SALES_PER_COUNTER * 3]);
      await client.query(SEED, [id, FIRST_DAY_MS, SALES_PER_COUNTER, DAYS]);
    }
    await client.query('ANALYZE shop.sales');
  });
  return (performance.now() - started) / 1000;
}

const dayOf = (index: number): string => new Date(FIRST_DAY_MS + index * DAY_MS).toISOString().slice(0, 10);
const rangeOf = (index: number, days = 1) => ({ from: new Date(FIRST_DAY_MS + index * DAY_MS).toISOString(), to: new Date(FIRST_DAY_MS + (index + days) * DAY_MS).toISOString() });

async function timed<T>(runs: number, work: (run: number) => Promise<T>): Promise<{ medianMs: number; last: T }> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    last = await work(run);
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples), last: last as T };
}

export async function benchShopDayClose(): Promise<void> {
  console.log(`Shop ledger: the whole shop's day close over ${COUNTERS} counters × ${SALES_PER_COUNTER.toLocaleString('en-US')} sales (PostgreSQL on this machine, owner role)`);
  // The shop's day is the machine's: UTC here, so each seeded day is one shop day.
  process.env.TZ = 'UTC';
  const cluster = await startPostgres({ fsync: true });
  try {
    const shop = await shopDatabase(cluster, { owners: ['desk'] });
    const seconds = await seed(shop.adminUrl);
    console.log(`  seeded ${(COUNTERS * SALES_PER_COUNTER).toLocaleString('en-US')} sales in ${seconds.toFixed(1)} s (${(COUNTERS * SALES_PER_COUNTER / DAYS).toLocaleString('en-US')} a day across the shop)`);
    const client = new ShopLedgerClient(shop.urls.desk as string, undefined, 2);
    try {
      const read = <T>(work: (db: Parameters<Parameters<ShopLedgerClient['withConnection']>[0]>[0]) => Promise<T>) => client.withConnection(work);
      await read((db) => shopDayClose(db, rangeOf(50))); // warm the caches once
      const preview = await timed(RUNS, (run) => read((db) => shopDayClose(db, rangeOf(40 + run))));
      const close = await timed(RUNS, (run) => closeShopDay(client, dayOf(10 + run), new Date(), null));
      const dayTotals = await timed(RUNS, (run) => read((db) => shopHistorySummary(db, rangeOf(60 + run))));
      const monthTotals = await timed(RUNS, (run) => read((db) => shopHistorySummary(db, rangeOf(run, 30))));
      const page = await timed(RUNS, (run) => read((db) => shopHistoryPage(db, { ...rangeOf(run, 30), limit: 100 })));
      console.log(`  day close preview (dayClose, scope shop), one day:  ${ms(preview.medianMs)} (budget < ${BUDGET.previewMs} ms); ${preview.last.figures.live.paidCount.toLocaleString('en-US')} live paid sales`);
      console.log(`  closing the shop's day (Z-report + lines stored):   ${ms(close.medianMs)} (budget < ${BUDGET.closeMs} ms); report No. ${close.last.ok ? close.last.value.number : '?'}`);
      console.log(`  history totals, one day / a month:                  ${ms(dayTotals.medianMs)} / ${ms(monthTotals.medianMs)}`);
      console.log(`  history page, 100 rows, a month:                    ${ms(page.medianMs)}`);
    } finally {
      await client.close();
    }
  } finally {
    await cluster.remove();
  }
  console.log('');
}
