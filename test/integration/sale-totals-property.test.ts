// The kept totals (migration 0130) against a full scan of the sales: after a random mix of old sales
// (backfilled by the migration), new sales, transitions, owner actions (accept with a stated amount,
// void) and refunds, the table equals one rebuilt from the rows, and the day close, the history's
// groups and the status counts over random ranges (local days, months, odd instants) equal what the
// sales one by one give.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { booksOf, summarize } from '../../electron/pos/owner/books';
import { dayClose, dayCloseOfSales } from '../../electron/pos/owner/day-close';
import { shopDayRange } from '../../electron/pos/owner/shop-time';
import { Ledger } from '../../electron/pos/store/ledger';
import { migrate } from '../../electron/pos/store/migrations';
import { saleTotalsFromSales } from '../../electron/pos/store/sale-totals-sql';
import { BLOCKCHAINS } from '../../shared/mitilena';
import { scaledToDecimal } from '../../shared/money';
import { SALE_STATUSES, TRANSITIONS, type SaleStatus } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { oldSale, openAtVersion, seedOldSales } from '../helpers/old-ledger';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const START_MS = Date.parse('2026-10-20T00:00:00.000Z');
const SPAN_MS = 40 * 86_400_000;
const at = (offset: number): string => new Date(START_MS + offset).toISOString();
// Amounts of every size: ordinary ones, and absurd ones (40 digits) that the totals add in JS.
const crypto = fc.oneof(
  fc.constant(null),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 18 })).map(([digits, scale]) => scaledToDecimal(digits, scale)),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 18 })).map(([digits, scale]) => scaledToDecimal(digits, scale)),
  fc.constant('not a number'),
);

const saleArb = fc.record({
  offset: fc.integer({ min: 0, max: SPAN_MS }),
  status: fc.constantFrom(...SALE_STATUSES),
  amountMinor: fc.integer({ min: 0, max: 5_000_000 }),
  tipMinor: fc.integer({ min: 0, max: 500 }),
  currency: fc.constantFrom('EUR', 'USD', 'JPY', 'KWD'),
  sandbox: fc.boolean(),
  blockchain: fc.constantFrom(...BLOCKCHAINS),
  symbol: fc.constantFrom('USDT', null, 'MTL'),
  cryptoAmount: crypto,
  paidCryptoAmount: crypto,
});

const changeArb = fc.record({
  pick: fc.nat(),
  to: fc.nat(),
  recognisedMinor: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 5_000_000 })),
  refundedMinor: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
  refundedCrypto: fc.oneof(fc.constant(undefined), crypto),
  paidCryptoAmount: fc.oneof(fc.constant(undefined), crypto),
  overpaid: fc.option(fc.boolean(), { nil: undefined }),
  confirmation: fc.constantFrom(undefined, null, 'chain-confirmed', 'recovered'),
  refund: fc.boolean(),
  move: fc.boolean(),
});

type SaleDraw = typeof saleArb extends fc.Arbitrary<infer T> ? T : never;
type ChangeDraw = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

const rangeArb = fc.oneof(
  fc.integer({ min: -2, max: 42 }).map((day) => shopDayRange(new Date(START_MS + day * 86_400_000).toISOString().slice(0, 10)) as { from: string; to: string }),
  fc.tuple(fc.integer({ min: -86_400_000, max: SPAN_MS + 86_400_000 }), fc.integer({ min: 0, max: SPAN_MS })).map(([from, length]) => ({ from: at(from), to: at(from + length) })),
  fc.constant({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }),
);

/** The old sales a ledger at schema 0120 holds before the migration backfills the totals. */
function seedAt0120(file: string, sales: SaleDraw[]): void {
  const db = openAtVersion(dir.path, 120);
  seedOldSales(db, sales.length, (i) => oldSale(i, { status: sales[i]?.status ?? 'paid', createdAt: at(sales[i]?.offset ?? 0), amountMinor: sales[i]?.amountMinor ?? 0, sandbox: sales[i]?.sandbox ? 1 : 0 }));
  db.prepare("UPDATE sales SET tip_minor = 7, recognised_minor = amount_minor / 2 WHERE id LIKE '%1'").run();
  db.prepare("UPDATE sales SET refunded_minor = 3, refunded_crypto = '0.5' WHERE id LIKE '%2'").run();
  migrate(db);
  db.close();
  expect(file).toContain('ledger.sqlite3');
}

function applyChange(ledger: Ledger, ids: string[], change: ChangeDraw, step: number): void {
  const id = ids[change.pick % ids.length];
  const sale = id ? ledger.getSale(id) : null;
  if (!sale) return;
  const patch = Object.fromEntries(Object.entries({ recognisedMinor: change.recognisedMinor, refundedMinor: change.refundedMinor, refundedCrypto: change.refundedCrypto, paidCryptoAmount: change.paidCryptoAmount, overpaid: change.overpaid, confirmation: change.confirmation }).filter(([, value]) => value !== undefined));
  const when = at(step * 1000);
  ledger.transaction(() => {
    if (change.refund) ledger.insertRefund({ saleId: sale.id, at: when, cryptoAmount: '1', token: 'USDT', fiatMinor: 1, currency: sale.currency, txHash: `h${step}`, reason: 'property', by: null });
    // One of the moves the sale's status allows (or staying put with a changed row).
    const moves = [sale.status, ...TRANSITIONS[sale.status]];
    // An event with a patch alone writes only the patched columns (no status): each column must count.
    if (!change.move) return void ledger.appendEvent(sale.id, [sale.status], when, { cause: 'property test' }, patch);
    ledger.transition(sale.id, [sale.status], moves[change.to % moves.length] as SaleStatus, when, patch, { cause: 'property test' });
  });
}

function expectTotalsMatchScan(ledger: Ledger, db: import('better-sqlite3').Database, ranges: { from: string; to: string }[]): void {
  db.exec('CREATE TEMP TABLE rebuilt AS SELECT * FROM sale_totals WHERE 0');
  db.exec(saleTotalsFromSales('temp.rebuilt'));
  const order = 'ORDER BY span, bucket, status, sandbox, currency, blockchain, token, received_scale, refunded_scale';
  expect(db.prepare(`SELECT * FROM sale_totals ${order}`).all()).toEqual(db.prepare(`SELECT * FROM temp.rebuilt ${order}`).all());
  db.exec('DROP TABLE temp.rebuilt');
  for (const range of ranges) {
    const sales = ledger.salesIn(range);
    const close = dayClose(ledger, range);
    expect(close.figures).toEqual(summarize(sales.map((sale) => ({ books: booksOf(sale), sign: 1 as const }))));
    expect(close.review.map((sale) => sale.id)).toEqual(sales.filter((sale) => sale.status === 'review').map((sale) => sale.id));
    const live = sales.filter((sale) => !sale.sandbox && sale.recognisedMinor !== null);
    expect([close.overpaidCount, close.chainConfirmedCount, close.recoveredCount]).toEqual([
      live.filter((sale) => sale.overpaid).length,
      live.filter((sale) => sale.confirmation === 'chain-confirmed').length,
      live.filter((sale) => sale.confirmation === 'recovered').length,
    ]);
    const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, sales.filter((sale) => sale.status === status).length]));
    expect(close.counts).toEqual(counts);
    expect(ledger.statusCounts(range)).toEqual(counts);
    // The whole shop's day close (issue 15) shapes the sales row by row: the same figures as the kept totals.
    expect(dayCloseOfSales(sales, range)).toEqual(close);
    for (const status of ['paid', 'review'] as SaleStatus[]) expect(ledger.totalsIn({ ...range, status }).reduce((sum, group) => sum + group.count, 0)).toBe(counts[status]);
  }
}

describe('kept sale totals (migration 0130)', () => {
  it('equal a full scan of the sales after any mix of sales, transitions, owner actions, refunds and the migration', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(saleArb, { maxLength: 12 }), fc.array(saleArb, { maxLength: 25 }), fc.array(changeArb, { maxLength: 40 }), fc.array(rangeArb, { minLength: 1, maxLength: 6 }), (old, fresh, changes, ranges) => {
        run += 1;
        const file = join(dir.path, 'ledger.sqlite3');
        seedAt0120(file, old);
        const ledger = Ledger.open(file, { syncEveryCommit: false });
        try {
          const ids = old.map((_, i) => `sale-${String(i).padStart(4, '0')}`);
          for (const sale of fresh) {
            const patch = { cryptoSymbol: sale.symbol ?? undefined, cryptoAmount: sale.cryptoAmount ?? undefined, paidCryptoAmount: sale.paidCryptoAmount ?? undefined };
            ids.push(seedSale(ledger, { at: at(sale.offset), status: sale.status, amountMinor: sale.amountMinor + sale.tipMinor, currency: sale.currency, sandbox: sale.sandbox, blockchain: sale.blockchain, patch: { ...patch, expiresAt: at(sale.offset) } }).id);
          }
          changes.forEach((change, step) => applyChange(ledger, ids, change, step));
          const db = (ledger as unknown as { db: import('better-sqlite3').Database }).db;
          expectTotalsMatchScan(ledger, db, ranges);
        } finally {
          ledger.close();
          dir.remove();
          dir = tempDir();
        }
      }),
      { numRuns: 60 },
    );
    expect(run).toBe(60);
  }, 240_000);
});
