// The history screen and the day close against a real SQLite ledger: filters, search, keyset
// pages, counts and totals, and the query plans that keep them fast on a million sales.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayClose } from '../../electron/pos/owner/day-close';
import { historyPage, historySummary } from '../../electron/pos/owner/history';
import { openDatabase } from '../../electron/pos/store/database';
import { LATEST_VERSION } from '../../electron/pos/store/migrations';
import { SalesStore } from '../../electron/pos/store/sales';
import { SALE_STATUSES } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let store: SalesStore;
beforeEach(() => {
  dir = tempDir();
  store = new SalesStore(openDatabase(join(dir.path, 'ledger.sqlite3')));
});
afterEach(() => {
  store.db.close();
  dir.remove();
});

const DAY = { from: '2026-11-26T00:00:00+01:00', to: '2026-11-27T00:00:00+01:00' };

describe('history', () => {
  it('pages newest first without duplicates or gaps, even when sales share a timestamp', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 57; i++) {
      // Groups of three sales in the same millisecond test the id tiebreak of the cursor.
      const at = new Date(Date.parse('2026-11-26T08:00:00.000Z') + Math.floor(i / 3) * 60_000).toISOString();
      ids.add(seedSale(store, { at, status: i % 2 ? 'paid' : 'pending' }).id);
    }
    seedSale(store, { at: '2026-11-27T08:00:00.000Z', status: 'paid' }); // outside the day
    const seen: string[] = [];
    let before: { createdAt: string; id: string } | undefined;
    let pages = 0;
    for (;;) {
      const page = historyPage(store.db, { ...DAY, limit: 10, ...(before ? { before } : {}) });
      pages += 1;
      seen.push(...page.sales.map((sale) => sale.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(pages).toBe(6);
    expect(seen).toHaveLength(57);
    expect(new Set(seen)).toEqual(ids);
    const order = seen.map((id) => store.getSale(id));
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1], order[i]];
      expect(a && b && (a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id))).toBe(true);
    }
  });

  it('filters by status and searches amounts, notes, invoice ids and sale ids', () => {
    const coffee = seedSale(store, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250, note: 'Кофе ☕ 東京 100%_off' });
    const yen = seedSale(store, { at: '2026-11-26T09:01:00.000Z', status: 'paid', amountMinor: 1250, currency: 'JPY', note: 'ramen' });
    const review = seedSale(store, { at: '2026-11-26T09:02:00.000Z', status: 'review', amountMinor: 900, patch: { reviewReason: 'underpaid', invoiceId: 'INV-SPECIAL-42' } });
    const small = seedSale(store, { at: '2026-11-26T09:03:00.000Z', status: 'cancelled', amountMinor: 125, note: '100 percent' });

    const search = (text: string, status?: (typeof SALE_STATUSES)[number]): string[] =>
      historyPage(store.db, { ...DAY, search: text, ...(status ? { status } : {}) }).sales.map((sale) => sale.id);

    expect(search('12.50')).toEqual([coffee.id]); // EUR 12.50; JPY has no decimals
    expect(search('1250')).toEqual([yen.id]); // JPY 1250 (EUR would be 1250.00 = 125000 minor)
    expect(search('12.5')).toEqual([coffee.id]);
    expect(search('1.25')).toEqual([small.id]);
    expect(search('東京')).toEqual([coffee.id]);
    expect(search('%_')).toEqual([coffee.id]); // LIKE wildcards are matched literally
    expect(search('special-42')).toEqual([review.id]);
    expect(search(review.id.slice(-10))).toEqual([review.id]);
    expect(search('ramen', 'pending')).toEqual([]);
    expect(historyPage(store.db, { ...DAY, status: 'review' }).sales.map((sale) => [sale.id, sale.reviewReason])).toEqual([[review.id, 'underpaid']]);
  });

  it('counts every status (zeros included) and totals paid sales per currency', () => {
    seedSale(store, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250 });
    seedSale(store, { at: '2026-11-26T09:10:00.000Z', status: 'paid', amountMinor: 750 });
    seedSale(store, { at: '2026-11-26T09:20:00.000Z', status: 'paid', amountMinor: 500, currency: 'JPY' });
    seedSale(store, { at: '2026-11-26T09:30:00.000Z', status: 'review', amountMinor: 99 });
    seedSale(store, { at: '2026-11-25T09:30:00.000Z', status: 'paid', amountMinor: 99_999 }); // the day before (local)
    const summary = historySummary(store.db, DAY);
    expect(Object.keys(summary.counts).sort()).toEqual([...SALE_STATUSES].sort());
    expect(summary.counts).toMatchObject({ paid: 3, review: 1, pending: 0, voided: 0, creating: 0 });
    expect(summary.paidTotals).toEqual([
      { currency: 'EUR', amountMinor: 2000 },
      { currency: 'JPY', amountMinor: 500 },
    ]);
    // The status filter does not hide the other tabs' counts.
    expect(historySummary(store.db, { ...DAY, status: 'review' }).counts.paid).toBe(3);
  });
});

describe('sandbox money', () => {
  it('keeps sandbox sales out of the paid totals and the gross, and reports them apart', () => {
    seedSale(store, { at: '2026-11-26T08:00:00.000Z', status: 'paid', amountMinor: 5000, sandbox: true, patch: { paidCryptoAmount: '54' } });
    seedSale(store, { at: '2026-11-26T08:05:00.000Z', status: 'paid', amountMinor: 700, currency: 'JPY', sandbox: true, patch: { overpaid: true } });
    seedSale(store, { at: '2026-11-26T08:10:00.000Z', status: 'review', amountMinor: 300, sandbox: true });
    seedSale(store, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250, patch: { paidCryptoAmount: '13.5' } });
    seedSale(store, { at: '2026-11-26T09:10:00.000Z', status: 'paid', amountMinor: 750, patch: { paidCryptoAmount: '8.1' } });

    const summary = historySummary(store.db, DAY);
    expect(summary.paidTotals).toEqual([{ currency: 'EUR', amountMinor: 2000 }]);
    expect(summary.sandboxPaidCount).toBe(2);
    expect(summary.sandboxPaidTotals).toEqual([
      { currency: 'EUR', amountMinor: 5000 },
      { currency: 'JPY', amountMinor: 700 },
    ]);
    // The tabs still count every sale: sandbox sales are sales, just not money.
    expect(summary.counts).toMatchObject({ paid: 4, review: 1 });

    const close = dayClose(store.db, DAY);
    expect(close.paidCount).toBe(2);
    expect(close.overpaidCount).toBe(0);
    expect(close.gross).toEqual([{ currency: 'EUR', amountMinor: 2000 }]);
    expect(close.crypto).toEqual([{ token: 'USDT', blockchain: 'tether-trc20', amount: '21.6' }]);
    expect(close.sandboxPaidCount).toBe(2);
    expect(close.sandboxPaidTotals).toEqual(summary.sandboxPaidTotals);
  });

  it('reports no sandbox money when there is none', () => {
    seedSale(store, { at: '2026-11-26T09:00:00.000Z', status: 'paid', amountMinor: 1250 });
    expect(historySummary(store.db, DAY)).toMatchObject({ paidTotals: [{ currency: 'EUR', amountMinor: 1250 }], sandboxPaidCount: 0, sandboxPaidTotals: [] });
    expect(dayClose(store.db, DAY)).toMatchObject({ paidCount: 1, sandboxPaidCount: 0, sandboxPaidTotals: [] });
  });
});

describe('day close', () => {
  it('sums paid sales per currency and crypto per token and network exactly, and lists what needs review', () => {
    seedSale(store, { at: '2026-11-26T08:00:00.000Z', status: 'paid', amountMinor: 1000, patch: { paidCryptoAmount: '0.100000000000000001', paidAt: '2026-11-26T08:01:00.000Z' } });
    seedSale(store, { at: '2026-11-26T08:10:00.000Z', status: 'paid', amountMinor: 2000, patch: { paidCryptoAmount: '0.2', overpaid: true } });
    seedSale(store, { at: '2026-11-26T08:20:00.000Z', status: 'paid', amountMinor: 3000, blockchain: 'tether-erc20', patch: { paidCryptoAmount: '3' } });
    seedSale(store, { at: '2026-11-26T08:30:00.000Z', status: 'expired' });
    seedSale(store, { at: '2026-11-26T08:40:00.000Z', status: 'failed' });
    const review = seedSale(store, { at: '2026-11-26T08:50:00.000Z', status: 'review', patch: { reviewReason: 'late', paidCryptoAmount: '9' } });

    const close = dayClose(store.db, DAY);
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
  const plan = (sql: string, values: Record<string, unknown>): string =>
    (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(values) as { detail: string }[]).map((row) => row.detail).join(' | ');

  it('walks the indexes for the history page, the counts and the day totals, never the whole table or a sort', () => {
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const queries: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      queries.push(sql);
      return prepare(sql);
    }) as typeof store.db.prepare;
    try {
      historyPage(store.db, { ...DAY });
      historyPage(store.db, { ...DAY, status: 'paid', before: { createdAt: '2026-11-26T10:00:00.000Z', id: 'sale-01KAXXXXXXXXXXXXXXXXXXXXXX' } });
      historySummary(store.db, DAY);
      dayClose(store.db, DAY);
    } finally {
      store.db.prepare = prepare;
    }
    const values = { from: 'a', to: 'b', status: 'paid', beforeAt: 'c', beforeId: 'd', limit: 101 };
    expect(queries).toHaveLength(8);
    const plans = queries.map((sql) => plan(sql, Object.fromEntries(Object.entries(values).filter(([key]) => sql.includes(`@${key}`)))));
    for (const detail of plans) {
      expect(detail).toMatch(/USING (COVERING )?INDEX sales_by_(status_)?created/);
      // A temp b-tree only to group a handful of currencies, never to sort the sales.
      expect(detail).not.toMatch(/SCAN sales(?! USING)|USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/);
    }
    expect(plans[0]).toMatch(/INDEX sales_by_created \(created_at>\? AND created_at<\?\)/);
    expect(plans[1]).toMatch(/INDEX sales_by_status_created \(status=\? AND/);
    // Counts and paid totals come from the index alone.
    expect(plans.filter((detail) => detail.includes('COVERING INDEX sales_by_status_created')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('migration 0030 (history indexes)', () => {
  it('keeps every row and widens the two history indexes under their old names', async () => {
    const { migrate } = await import('../../electron/pos/store/migrations');
    const file = join(dir.path, 'older.sqlite3');
    const db = openDatabase(file, { targetVersion: 20 });
    const older = new SalesStore(db);
    for (let i = 0; i < 20; i++) seedSale(older, { at: `2026-11-${String(1 + i).padStart(2, '0')}T10:00:00.000Z`, status: i % 3 ? 'paid' : 'pending', note: `n${i}` });
    const before = db.prepare('SELECT * FROM sales ORDER BY id').all();
    const eventsBefore = db.prepare('SELECT * FROM sale_events ORDER BY id').all();
    migrate(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare('SELECT * FROM sales ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM sale_events ORDER BY id').all()).toEqual(eventsBefore);
    const columns = (index: string): string[] => (db.pragma(`index_info(${index})`) as { name: string }[]).map((row) => row.name);
    expect(columns('sales_by_created')).toEqual(['created_at', 'id']);
    expect(columns('sales_by_status_created')).toEqual(['status', 'created_at', 'id', 'currency', 'amount_minor', 'overpaid']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
