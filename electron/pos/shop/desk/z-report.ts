// The whole shop's Z-report: the counter's rules (owner/books.ts, owner/z-report.ts) over every
// counter's sales in the shop ledger. Stored for good in shop.day_closes under the shop's own next
// number, with one line per (counter, sale) saying what it counted; closing the day again returns
// that report. A later change to a sale of a closed day (a refund, a resolved review, a sale that
// arrived late from a counter that was offline) is counted by the next report as an adjustment.
// One REPEATABLE READ transaction under an advisory lock, so two owner desks closing together get
// one report. Each counter's event cutoff (its highest event id the report saw) says what came later:
// a counter pushes its events in order, so anything after the cutoff is newer than the report.
import type { Actor } from '../../../../shared/access';
import { ZReportSchema, type Refund, type ZReport, type ZReportEntry } from '../../../../shared/books';
import { fail, ok, type Result } from '../../../../shared/result';
import type { Sale } from '../../../../shared/sale';
import { booksOf, sameBooks, type SaleBooks } from '../../owner/books';
import { shopDayRange } from '../../owner/shop-time';
import { reportBody, type Adjustment } from '../../owner/z-report';
import type { ShopLedgerClient, ShopQueryable } from '../shop-client';
import { saleOfSource, shopSalesIn } from './reads';

/** One fixed key for closing the shop's day (advisory locks are per database); the schema's lock has another. */
const SHOP_CLOSE_LOCK_KEY = '7136512398041016';

type Cutoffs = Record<string, { events: number; refunds: number }>;
type ShopAdjustment = Adjustment & { counterId: string };

// What changed after the previous report, per counter: its sales whose newest event is past that
// counter's cutoff (a range of the index on counter id and last event id), kept when their day is a
// closed one other than this. Plain queries in steps: one join left to the planner walked every sale.
const CHANGED = 'SELECT sale_id, created_at FROM shop.sales WHERE counter_id = $1 AND last_event_id > $2';
const CLOSED_DAYS = "SELECT to_char(day, 'YYYY-MM-DD') AS day, from_at, to_at FROM shop.day_closes WHERE day <> $1::date";
const SOURCES = `SELECT s.counter_id, s.sale_id, s.source FROM shop.sales s JOIN unnest($1::uuid[], $2::text[]) AS k(counter_id, sale_id)
  ON s.counter_id = k.counter_id AND s.sale_id = k.sale_id ORDER BY s.created_at, s.sale_id`;
const LAST_COUNTED = `SELECT DISTINCT ON (l.counter_id, l.sale_id) l.counter_id, l.sale_id, l.number, l.books FROM shop.day_close_lines l
  JOIN unnest($1::uuid[], $2::text[]) AS k(counter_id, sale_id) ON l.counter_id = k.counter_id AND l.sale_id = k.sale_id
  WHERE l.kind <> 'reversal' ORDER BY l.counter_id, l.sale_id, l.number DESC`;

const CUTOFFS = `SELECT c.counter_id, c.last_event_id, coalesce((SELECT max(r.refund_id) FROM shop.refunds r WHERE r.counter_id = c.counter_id), 0) AS last_refund_id FROM shop.counters c`;

const REFUNDS_OF = `SELECT r.* FROM shop.refunds r JOIN unnest($1::uuid[], $2::text[]) AS k(counter_id, sale_id) ON r.counter_id = k.counter_id AND r.sale_id = k.sale_id
  WHERE r.refund_id > coalesce(($3::jsonb -> r.counter_id::text ->> 'refunds')::bigint, 0) OR $4::boolean ORDER BY r.at, r.counter_id, r.refund_id`;

/** The changed sales of closed days: [counter id, sale id, closed day]. */
async function changedInClosedDays(db: ShopQueryable, cutoffs: Cutoffs, day: string): Promise<[string, string, string][]> {
  const closed = (await db.query<{ day: string; from_at: Date; to_at: Date }>(CLOSED_DAYS, [day])).rows;
  const counters = (await db.query<{ counter_id: string }>('SELECT counter_id FROM shop.counters')).rows;
  const found: [string, string, string][] = [];
  for (const { counter_id: counterId } of counters) {
    const { rows } = await db.query<{ sale_id: string; created_at: Date }>(CHANGED, [counterId, cutoffs[counterId]?.events ?? 0]);
    for (const row of rows) {
      const at = row.created_at.getTime();
      const closedDay = closed.find((range) => range.from_at.getTime() <= at && at < range.to_at.getTime());
      if (closedDay) found.push([counterId, row.sale_id, closedDay.day]);
    }
  }
  return found;
}

async function adjustmentsSince(db: ShopQueryable, cutoffs: Cutoffs, day: string): Promise<ShopAdjustment[]> {
  const changed = await changedInClosedDays(db, cutoffs, day);
  if (changed.length === 0) return [];
  const keys = [changed.map(([counterId]) => counterId), changed.map(([, saleId]) => saleId)];
  const dayOf = new Map(changed.map(([counterId, saleId, closedDay]) => [`${counterId} ${saleId}`, closedDay]));
  const counted = new Map((await db.query<{ counter_id: string; sale_id: string; number: number; books: SaleBooks }>(LAST_COUNTED, keys)).rows.map((row) => [`${row.counter_id} ${row.sale_id}`, row]));
  const found: ShopAdjustment[] = [];
  for (const row of (await db.query<{ counter_id: string; sale_id: string; source: Record<string, unknown> }>(SOURCES, keys)).rows) {
    const key = `${row.counter_id} ${row.sale_id}`;
    const sale = saleOfSource(row.source);
    const line = counted.get(key);
    const now = booksOf(sale);
    // jsonb keeps keys in its own order: put them back in booksOf's, which sameBooks compares as text.
    const last = line ? { reportNumber: line.number, books: Object.fromEntries(Object.keys(now).map((name) => [name, line.books[name as keyof SaleBooks]])) as unknown as SaleBooks } : null;
    if (last && sameBooks(last.books, now)) continue;
    found.push({ counterId: row.counter_id, sale, day: dayOf.get(key) as string, last, now });
  }
  return found;
}

interface RefundRow {
  refund_id: string;
  sale_id: string;
  at: Date;
  crypto_amount: string;
  token: string;
  fiat_minor: string;
  currency: string;
  tx_hash: string;
  reason: string;
  by_role: 'owner' | 'cashier' | null;
  by_name: string | null;
}

async function refundsOf(db: ShopQueryable, keys: { counterId: string; sale: Sale }[], cutoffs: Cutoffs, all: boolean): Promise<Refund[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<RefundRow>(REFUNDS_OF, [keys.map((key) => key.counterId), keys.map((key) => key.sale.id), JSON.stringify(cutoffs), all]);
  return rows.map((row) => ({
    id: Number(row.refund_id),
    saleId: row.sale_id,
    at: row.at.toISOString(),
    cryptoAmount: row.crypto_amount,
    token: row.token,
    fiatMinor: Number(row.fiat_minor),
    currency: row.currency,
    txHash: row.tx_hash,
    reason: row.reason,
    by: row.by_role ? ({ role: row.by_role, name: row.by_name } as Refund['by']) : null,
  }));
}

async function storedReport(db: ShopQueryable, day: string): Promise<ZReport | null> {
  const { rows } = await db.query<{ report: unknown }>('SELECT report FROM shop.day_closes WHERE day = $1::date', [day]);
  return rows[0] ? ZReportSchema.parse(rows[0].report) : null;
}

async function currentCutoffs(db: ShopQueryable): Promise<Cutoffs> {
  const { rows } = await db.query<{ counter_id: string; last_event_id: string; last_refund_id: string }>(CUTOFFS);
  return Object.fromEntries(rows.map((row) => [row.counter_id, { events: Number(row.last_event_id), refunds: Number(row.last_refund_id) }]));
}

async function buildShopReport(db: ShopQueryable, day: string, range: { from: string; to: string }, generatedAt: string, closedBy: Actor | null) {
  const previous = await db.query<{ number: number; event_cutoffs: Cutoffs }>('SELECT number, event_cutoffs FROM shop.day_closes ORDER BY number DESC LIMIT 1');
  const before: Cutoffs = previous.rows[0]?.event_cutoffs ?? {};
  const daySales = await shopSalesIn(db, range);
  const adjustments = previous.rows.length ? await adjustmentsSince(db, before, day) : [];
  const refunded = daySales.filter(({ sale }) => sale.refundedCrypto !== null);
  const refunds = [...(await refundsOf(db, refunded, before, true)), ...(await refundsOf(db, adjustments, before, false))];
  const report = reportBody(day, range, generatedAt, closedBy, { daySales: daySales.map(({ sale }) => sale), adjustments, refunds });
  return { report, daySales, adjustments };
}

const INSERT_LINES = `INSERT INTO shop.day_close_lines (number, counter_id, sale_id, kind, books)
  SELECT $1, r.counter_id, r.sale_id, r.kind, r.books FROM jsonb_to_recordset($2::jsonb) AS r(counter_id uuid, sale_id text, kind text, books jsonb)`;

/** Closes the whole shop's day `day`: the stored report when there is one, else a new one under the shop's next number. */
export async function closeShopDay(client: ShopLedgerClient, day: string, now: Date, closedBy: Actor | null): Promise<Result<ZReport>> {
  try {
    return await closeOnce(client, day, now, closedBy);
  } catch (error) {
    // Another desk stored that day (or number) between our snapshot and our insert: its report is the day's.
    if ((error as { code?: unknown }).code !== '23505') throw error;
    return closeOnce(client, day, now, closedBy);
  }
}

async function closeOnce(client: ShopLedgerClient, day: string, now: Date, closedBy: Actor | null): Promise<Result<ZReport>> {
  const range = shopDayRange(day);
  if (!range) return fail('invalid-input', `${day} is not a day of the calendar`);
  return client.transaction(async (db): Promise<Result<ZReport>> => {
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await db.query('SELECT pg_advisory_xact_lock($1::bigint)', [SHOP_CLOSE_LOCK_KEY]);
    const stored = await storedReport(db, day);
    if (stored) return ok(stored);
    if (Date.parse(range.from) > now.getTime()) return fail('invalid-state', 'That day has not begun yet; a day is closed at its end, or later.');
    const cutoffs = await currentCutoffs(db);
    const { report, daySales, adjustments } = await buildShopReport(db, day, range, now.toISOString(), closedBy);
    const numbered = await db.query<{ number: number }>('SELECT coalesce(max(number), 0) + 1 AS number FROM shop.day_closes');
    const number = numbered.rows[0]?.number ?? 1;
    const full: ZReport = { number, ...report };
    await db.query('INSERT INTO shop.day_closes (number, day, from_at, to_at, generated_at, event_cutoffs, report) VALUES ($1, $2::date, $3, $4, $5, $6::jsonb, $7::jsonb)', [
      number,
      day,
      range.from,
      range.to,
      report.generatedAt,
      JSON.stringify(cutoffs),
      JSON.stringify(full),
    ]);
    const lines = [
      ...daySales.map(({ counterId, sale }) => ({ counter_id: counterId, sale_id: sale.id, kind: 'day', books: booksOf(sale) })),
      ...adjustments.flatMap((adjustment) => [
        ...(adjustment.last ? [{ counter_id: adjustment.counterId, sale_id: adjustment.sale.id, kind: 'reversal', books: adjustment.last.books }] : []),
        { counter_id: adjustment.counterId, sale_id: adjustment.sale.id, kind: 'rebook', books: adjustment.now },
      ]),
    ];
    if (lines.length > 0) await db.query(INSERT_LINES, [number, JSON.stringify(lines)]);
    return ok(full);
  });
}

/** The shop's stored reports, newest first, as the list to reprint from. */
export async function listShopDayCloses(client: ShopLedgerClient, limit = 100): Promise<ZReportEntry[]> {
  const { rows } = await client.withConnection((db) => db.query<{ report: unknown }>('SELECT report FROM shop.day_closes ORDER BY number DESC LIMIT $1', [limit]));
  return rows.map(({ report }) => {
    const parsed = ZReportSchema.parse(report);
    return { number: parsed.number, day: parsed.day, generatedAt: parsed.generatedAt, closedBy: parsed.closedBy, net: parsed.total.live.net };
  });
}

export async function getShopDayClose(client: ShopLedgerClient, number: number): Promise<Result<ZReport>> {
  const { rows } = await client.withConnection((db) => db.query<{ report: unknown }>('SELECT report FROM shop.day_closes WHERE number = $1', [number]));
  return rows[0] ? ok(ZReportSchema.parse(rows[0].report)) : fail('not-found', `The shop ledger has no Z-report number ${number}`);
}
