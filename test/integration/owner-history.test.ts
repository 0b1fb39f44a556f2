// The history screen and the day close against a real SQLite ledger: filters, search, keyset
// pages, counts and totals, and the query plans that keep them fast on a million sales.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayClose } from '../../electron/pos/owner/day-close';
import { historyPage, historySummary } from '../../electron/pos/owner/history';
import { LATEST_VERSION } from '../../electron/pos/store/migrations';
import { pageQuery, salesInQuery, selectionQuery, type Query } from '../../electron/pos/store/history-queries';
import { Ledger } from '../../electron/pos/store/ledger';
import { SALE_STATUSES } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { inspectLedger } from '../helpers/ledger-file';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
beforeEach(() => {
  dir = tempDir();
  ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'));
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

const DAY = { from: '2026-11-26T00:00:00+01:00', to: '2026-11-27T00:00:00+01:00' };

describe('history', () => {
  it('pages newest first without duplicates or gaps, even when sales share a timestamp', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 57; i++) {
      // Groups of three sales in the same millisecond test the id tiebreak of the cursor.
      const at = new Date(Date.parse('2026-11-26T08:00:00.000Z') + Math.floor(i / 3) * 60_000).toISOString();
      ids.add(seedSale(ledger, { at, status: i % 2 ? 'paid' : 'pending' }).id);
    }
    seedSale(ledger, { at: '2026-11-27T08:00:00.000Z', status: 'paid' }); // outside the day
    const seen: string[] = [];
    let before: { createdAt: string; id: string } | undefined;
    let pages = 0;
    for (;;) {
      const page = historyPage(ledger, { ...DAY, limit: 10, ...(before ? { before } : {}) });
      pages += 1;
      seen.push(...page.sales.map((sale) => sale.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(pages).toBe(6);
    expect(seen).toHaveLength(57);
    expect(new Set(seen)).toEqual(ids);
    const order = seen.map((id) => ledger.getSale(id));
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1], order[i]];
      expect(a && b && (a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id))).toBe(true);
    }
  });

  it('filters by status and searches amounts, notes, invoice ids and sale ids', () => {
    const coffee = seedSale(ledger, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250, note: 'Кофе ☕ 東京 100%_off' });
    const yen = seedSale(ledger, { at: '2026-11-26T09:01:00.000Z', status: 'paid', amountMinor: 1250, currency: 'JPY', note: 'ramen' });
    const review = seedSale(ledger, { at: '2026-11-26T09:02:00.000Z', status: 'review', amountMinor: 900, patch: { reviewReason: 'underpaid', invoiceId: 'INV-SPECIAL-42' } });
    const small = seedSale(ledger, { at: '2026-11-26T09:03:00.000Z', status: 'cancelled', amountMinor: 125, note: '100 percent' });

    const search = (text: string, status?: (typeof SALE_STATUSES)[number]): string[] =>
      historyPage(ledger, { ...DAY, search: text, ...(status ? { status } : {}) }).sales.map((sale) => sale.id);

    expect(search('12.50')).toEqual([coffee.id]); // EUR 12.50; JPY has no decimals
    expect(search('1250')).toEqual([yen.id]); // JPY 1250 (EUR would be 1250.00 = 125000 minor)
    expect(search('12.5')).toEqual([coffee.id]);
    expect(search('1.25')).toEqual([small.id]);
    expect(search('東京')).toEqual([coffee.id]);
    expect(search('%_')).toEqual([coffee.id]); // LIKE wildcards are matched literally
    expect(search('special-42')).toEqual([review.id]);
    expect(search(review.id.slice(-10))).toEqual([review.id]);
    expect(search('ramen', 'pending')).toEqual([]);
    // The keypad takes a comma: so does the search.
    expect(search('12,50')).toEqual([coffee.id]);
    expect(search('1,25')).toEqual([small.id]);
    expect(historyPage(ledger, { ...DAY, status: 'review' }).sales.map((sale) => [sale.id, sale.reviewReason])).toEqual([[review.id, 'underpaid']]);
  });

  it('counts every status (zeros included) and totals paid sales per currency, following every filter', () => {
    seedSale(ledger, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250 });
    seedSale(ledger, { at: '2026-11-26T09:10:00.000Z', status: 'paid', amountMinor: 750 });
    seedSale(ledger, { at: '2026-11-26T09:20:00.000Z', status: 'paid', amountMinor: 500, currency: 'JPY' });
    seedSale(ledger, { at: '2026-11-26T09:30:00.000Z', status: 'review', amountMinor: 99 });
    seedSale(ledger, { at: '2026-11-25T09:30:00.000Z', status: 'paid', amountMinor: 99_999 }); // the day before (local)
    const summary = historySummary(ledger, DAY);
    expect(Object.keys(summary.counts).sort()).toEqual([...SALE_STATUSES].sort());
    expect(summary.counts).toMatchObject({ paid: 3, review: 1, pending: 0, voided: 0, creating: 0 });
    expect(summary.paidTotals).toEqual([
      { currency: 'EUR', amountMinor: 2000 },
      { currency: 'JPY', amountMinor: 500 },
    ]);
    expect(summary).toMatchObject({ count: 4, paidCount: 3, amountTotals: [{ currency: 'EUR', amountMinor: 2099 }, { currency: 'JPY', amountMinor: 500 }] });
    // Filtered to "Needs review", the figures count the review sale alone and say so.
    const review = historySummary(ledger, { ...DAY, status: 'review' });
    expect(review).toMatchObject({ count: 1, paidCount: 0, paidTotals: [], amountTotals: [{ currency: 'EUR', amountMinor: 99 }] });
    expect(review.counts).toMatchObject({ paid: 0, review: 1 });
    // A search narrows them too.
    expect(historySummary(ledger, { ...DAY, search: '7,50' })).toMatchObject({ count: 1, paidCount: 1, paidTotals: [{ currency: 'EUR', amountMinor: 750 }] });
  });
});

describe('sandbox money', () => {
  it('keeps sandbox sales out of the paid totals and the gross, and reports them apart', () => {
    seedSale(ledger, { at: '2026-11-26T08:00:00.000Z', status: 'paid', amountMinor: 5000, sandbox: true, patch: { paidCryptoAmount: '54' } });
    seedSale(ledger, { at: '2026-11-26T08:05:00.000Z', status: 'paid', amountMinor: 700, currency: 'JPY', sandbox: true, patch: { overpaid: true } });
    seedSale(ledger, { at: '2026-11-26T08:10:00.000Z', status: 'review', amountMinor: 300, sandbox: true });
    seedSale(ledger, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250, patch: { paidCryptoAmount: '13.5' } });
    seedSale(ledger, { at: '2026-11-26T09:10:00.000Z', status: 'paid', amountMinor: 750, patch: { paidCryptoAmount: '8.1' } });

    const summary = historySummary(ledger, DAY);
    expect(summary.paidTotals).toEqual([{ currency: 'EUR', amountMinor: 2000 }]);
    expect(summary.sandboxPaidCount).toBe(2);
    expect(summary.sandboxPaidTotals).toEqual([
      { currency: 'EUR', amountMinor: 5000 },
      { currency: 'JPY', amountMinor: 700 },
    ]);
    // The tabs still count every sale: sandbox sales are sales, just not money.
    expect(summary.counts).toMatchObject({ paid: 4, review: 1 });
    expect(summary.sandboxCount).toBe(3);

    const close = dayClose(ledger, DAY);
    expect(close.paidCount).toBe(2);
    expect(close.overpaidCount).toBe(0);
    expect(close.gross).toEqual([{ currency: 'EUR', amountMinor: 2000 }]);
    expect(close.crypto).toEqual([{ token: 'USDT', blockchain: 'tether-trc20', amount: '21.6' }]);
    expect(close.sandboxPaidCount).toBe(2);
    expect(close.sandboxPaidTotals).toEqual(summary.sandboxPaidTotals);
  });

  it('reports no sandbox money when there is none', () => {
    seedSale(ledger, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250 });
    expect(historySummary(ledger, DAY)).toMatchObject({ paidTotals: [{ currency: 'EUR', amountMinor: 1250 }], sandboxPaidCount: 0, sandboxPaidTotals: [] });
    expect(dayClose(ledger, DAY)).toMatchObject({ paidCount: 1, sandboxPaidCount: 0, sandboxPaidTotals: [] });
  });
});

describe('day close', () => {
  it('sums paid sales per currency and crypto per token and network exactly, and lists what needs review', () => {
    seedSale(ledger, { at: '2026-11-26T08:00:00.000Z', status: 'paid', amountMinor: 1000, patch: { paidCryptoAmount: '0.100000000000000001', paidAt: '2026-11-26T08:01:00.000Z' } });
    seedSale(ledger, { at: '2026-11-26T08:10:00.000Z', status: 'paid', amountMinor: 2000, patch: { paidCryptoAmount: '0.2', overpaid: true } });
    seedSale(ledger, { at: '2026-11-26T08:20:00.000Z', status: 'paid', amountMinor: 3000, blockchain: 'tether-erc20', patch: { paidCryptoAmount: '3' } });
    seedSale(ledger, { at: '2026-11-26T08:30:00.000Z', status: 'expired' });
    seedSale(ledger, { at: '2026-11-26T08:40:00.000Z', status: 'failed' });
    const review = seedSale(ledger, { at: '2026-11-26T08:50:00.000Z', status: 'review', patch: { reviewReason: 'late', paidCryptoAmount: '9' } });

    const close = dayClose(ledger, DAY);
    expect(close.paidCount).toBe(3);
    expect(close.overpaidCount).toBe(1);
    expect(close.gross).toEqual([{ currency: 'EUR', amountMinor: 6000 }]);
    expect(close.crypto).toEqual([
      { token: 'USDT', blockchain: 'tether-erc20', amount: '3' },
      { token: 'USDT', blockchain: 'tether-trc20', amount: '0.300000000000000001' },
    ]);
    expect(close.counts).toMatchObject({ paid: 3, expired: 1, failed: 1, review: 1, pending: 0, cancelled: 0 });
    expect(close.review.map((sale) => sale.id)).toEqual([review.id]);
  });
});

describe('query plans', () => {
  const plan = (query: Query): string =>
    inspectLedger(join(dir.path, 'ledger.sqlite3'), (db) => (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.values) as { detail: string }[]).map((row) => row.detail).join(' | '));

  it('walks the indexes for the history page, the counts and the day totals, never the whole table or a sort', () => {
    expect(inspectLedger(join(dir.path, 'ledger.sqlite3'), (db) => db.pragma('user_version', { simple: true }))).toBe(LATEST_VERSION);
    // The very queries the ledger runs for historyPage (two shapes), historySummary and dayClose.
    const queries = [
      pageQuery({ ...DAY, limit: 101 }),
      pageQuery({ ...DAY, status: 'paid', limit: 101, before: { createdAt: '2026-11-26T10:00:00.000Z', id: 'sale-01KAXXXXXXXXXXXXXXXXXXXXXX' } }),
      selectionQuery(DAY),
      selectionQuery({ ...DAY, status: 'review' }),
      selectionQuery(DAY),
      salesInQuery(DAY),
    ];
    const plans = queries.map(plan);
    for (const detail of plans) {
      expect(detail).toMatch(/USING (COVERING )?INDEX sales_by_(status_)?created/);
      // A temp b-tree only to group a handful of currencies, never to sort the sales.
      expect(detail).not.toMatch(/SCAN sales(?! USING)|USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/);
    }
    expect(plans[0]).toMatch(/INDEX sales_by_created \(created_at>\? AND created_at<\?\)/);
    expect(plans[1]).toMatch(/INDEX sales_by_status_created \(status=\? AND/);
    // The selection's figures (counts, asked, recognised, refunded) come from the index alone.
    expect(plans.filter((detail) => detail.includes('COVERING INDEX sales_by_status_created')).length).toBeGreaterThanOrEqual(3);
  });
});
