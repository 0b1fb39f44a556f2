// The owner's desk for the whole shop (issue 15, part 2): two browser-mode counters (two data folders,
// each its own role) replicate into one PostgreSQL cluster, with live sales (tips, a cashier), a
// refund and sandbox sales; the shop's day close, Z-report, history and CSV, read with the owner's
// role, equal the two counters' own to the cent. A counter's role cannot stand in for the owner's.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModes } from '../../electron/pos/owner/books';
import { shopDayOf, shopDayRange } from '../../electron/pos/owner/shop-time';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import type { DayClose, HistorySummary, PosStatus, PosValue } from '../../shared/api';
import { addMoney, type BookFigures, type ZReport } from '../../shared/books';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { clusterForThisFile, seededLedger, sell, replicationMeta, shopDatabase, shopRows, waitUntil, type ShopDatabase } from '../helpers/shop-ledger';
import { tempDir } from '../helpers/temp';

const cluster = clusterForThisFile();
const dirs = [tempDir(), tempDir()];
const tills: BrowserMode[] = [];
let shop: ShopDatabase;
let tillA: BrowserMode;
let tillB: BrowserMode;
// Today, in the shop's zone: the seeded live sales start just after its midnight, the sandbox ones are made now.
const day = shopDayOf(new Date());
const range = shopDayRange(day) as { from: string; to: string };

async function raw(mode: BrowserMode, method: string, args: unknown = {}, session?: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`${mode.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mode.token}`, 'content-type': 'application/json', ...(session ? { 'x-counter-session': session } : {}) },
    body: JSON.stringify(args),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

const synced = async (mode: BrowserMode): Promise<boolean> => (await callApi<PosStatus>(mode, 'getStatus')).shopLedger.state === 'synced';


beforeAll(async () => {
  shop = await shopDatabase(cluster(), { counters: ['a', 'b'], owners: ['desk'] });
  const start = new Date(Date.parse(range.from) + 60_000);
  seededLedger(dirs[0]!.path, 6, start);
  seededLedger(dirs[1]!.path, 4, start);
  // The owner's desk is on till A (its own URL for the whole shop); till B is given a counter's URL as if it were the owner's.
  tillA = await startBrowserMode(['--data', dirs[0]!.path, '--counter-name', 'Till A'], { SHOP_LEDGER_URL: shop.urls.a as string, SHOP_LEDGER_OWNER_URL: shop.urls.desk as string });
  tillB = await startBrowserMode(['--data', dirs[1]!.path, '--counter-name', 'Till B'], { SHOP_LEDGER_URL: shop.urls.b as string, SHOP_LEDGER_OWNER_URL: shop.urls.b as string });
  tills.push(tillA, tillB);
  await sell(tillA, '2.40', 'paid');
  await sell(tillB, '9.90', 'paid');
  await sell(tillB, '1.99', 'cancelled');
  const [live] = (await callApi<PosValue<'historyPage'>>(tillA, 'historyPage', { ...range, status: 'paid', search: 'table' })).sales;
  await callApi(tillA, 'refundSale', { saleId: live?.id, amount: '0.5', txHash: '0xrefund00112233', reason: 'one cup returned' });
  await waitUntil('both counters are up to date', async () => (await synced(tillA)) && (await synced(tillB)), 60_000);
}, 120_000);

afterAll(async () => {
  for (const till of tills) await till.stop('SIGKILL');
  for (const dir of dirs) dir.remove();
});

function addFigures(a: BookFigures, b: BookFigures) {
  const statuses = new Map<string, { count: number; amounts: ReturnType<typeof addMoney> }>();
  for (const row of [...a.statuses, ...b.statuses]) {
    const seen = statuses.get(row.status) ?? { count: 0, amounts: [] };
    statuses.set(row.status, { count: seen.count + row.count, amounts: addMoney(seen.amounts, row.amounts) });
  }
  return { live: addModes(a.live, b.live), sandbox: addModes(a.sandbox, b.sandbox), statuses: Object.fromEntries(statuses) };
}
const figuresOf = (figures: BookFigures) => ({ live: figures.live, sandbox: figures.sandbox, statuses: Object.fromEntries(figures.statuses.map(({ status, ...rest }) => [status, rest])) });

describe('the whole shop on the owner’s desk', () => {
  it('closes the shop’s day as the sum of the two counters’ day closes, to the cent, a refund in and the sandbox apart', async () => {
    const [zA, zB] = [await callApi<ZReport>(tillA, 'closeDay', { date: day }), await callApi<ZReport>(tillB, 'closeDay', { date: day })];
    const zShop = await callApi<ZReport>(tillA, 'closeDay', { date: day, scope: 'shop' });
    expect(figuresOf(zShop.figures)).toEqual(addFigures(zA.figures, zB.figures));
    expect(zShop.total).toEqual({ live: addModes(zA.total.live, zB.total.live), sandbox: addModes(zA.total.sandbox, zB.total.sandbox) });
    // What the day holds: 10 live sales with tips, a refund taken off, two sandbox sales apart from the live money.
    expect(zShop.figures.live.paidCount).toBe(10);
    expect(zShop.figures.live.refunds).toEqual([{ currency: 'EUR', amountMinor: expect.any(Number) }]);
    expect(zShop.figures.live.refunds[0]?.amountMinor).toBeGreaterThan(0);
    expect(zShop.figures.live.tips[0]?.amountMinor).toBeGreaterThan(0);
    expect(zShop.figures.sandbox).toMatchObject({ paidCount: 2, gross: [{ currency: 'EUR', amountMinor: 1230 }] });
    expect(zShop.refunds).toEqual(zA.refunds);
    expect(zShop.refunds).toHaveLength(1);
    // Its own number, and closing again returns the same report.
    expect(zShop.number).toBe(1);
    expect(await callApi<ZReport>(tillA, 'closeDay', { date: day, scope: 'shop' })).toEqual(zShop);
    const stored = await shopRows<{ n: string }>(shop.adminUrl, 'SELECT count(*) AS n FROM shop.day_closes');
    expect(stored).toEqual([{ n: '1' }]);
    // The preview agrees with the counters' previews, the counter column's sum included.
    const [pA, pB, pShop] = [await callApi<DayClose>(tillA, 'dayClose', range), await callApi<DayClose>(tillB, 'dayClose', range), await callApi<DayClose>(tillA, 'dayClose', { ...range, scope: 'shop' })];
    expect(figuresOf(pShop.figures)).toEqual(addFigures(pA.figures, pB.figures));
    expect(pShop.gross).toEqual(addMoney(pA.gross, pB.gross));
    // The owner desk's URL is a write-only secret: Settings says where it points, never its password.
    const settings = await callApi<PosValue<'getSettings'>>(tillA, 'getSettings');
    expect(settings).toMatchObject({ shopLedgerOwnerUrl: { set: true, last4: null }, shopLedgerOwnerTarget: expect.stringContaining('owner_desk') });
    const password = new URL(shop.urls.desk as string).password;
    expect(JSON.stringify(settings) + JSON.stringify(await callApi(tillA, 'getStatus')) + tillA.output()).not.toContain(password);
  });

  it('lists and totals every counter’s sales with the counter named, one counter at a time too, and says how current each is', async () => {
    const [sA, sB, sShop] = [await callApi<HistorySummary>(tillA, 'historySummary', range), await callApi<HistorySummary>(tillB, 'historySummary', range), await callApi<HistorySummary>(tillA, 'historySummary', { ...range, scope: 'shop' })];
    expect(sShop.count).toBe(sA.count + sB.count);
    expect(sShop.paidTotals).toEqual(addMoney(sA.paidTotals, sB.paidTotals));
    expect(sShop.refundTotals).toEqual(addMoney(sA.refundTotals, sB.refundTotals));
    expect(sShop.sandboxPaidTotals).toEqual(addMoney(sA.sandboxPaidTotals, sB.sandboxPaidTotals));

    const { counters } = await callApi<PosValue<'shopCounters'>>(tillA, 'shopCounters');
    expect(counters.map((counter) => counter.name)).toEqual(['Till A', 'Till B']);
    for (const counter of counters) expect(Date.parse(counter.lastPushAt as string)).not.toBeNaN();
    const tillBId = replicationMeta(join(dirs[1]!.path, DATABASE_FILE)).counterId;
    expect(counters[1]?.counterId).toBe(tillBId);

    const first = await callApi<PosValue<'historyPage'>>(tillA, 'historyPage', { ...range, scope: 'shop', limit: 7 });
    const rest = await callApi<PosValue<'historyPage'>>(tillA, 'historyPage', { ...range, scope: 'shop', limit: 200, before: first.next });
    const all = [...first.sales, ...rest.sales];
    expect(all).toHaveLength(sShop.count);
    expect(new Set(all.map((sale) => sale.counter))).toEqual(new Set(['Till A', 'Till B']));
    const onlyB = await callApi<PosValue<'historyPage'>>(tillA, 'historyPage', { ...range, scope: 'shop', counter: tillBId });
    expect(onlyB.sales.map((sale) => sale.id)).toEqual((await callApi<PosValue<'historyPage'>>(tillB, 'historyPage', range)).sales.map((sale) => sale.id));
    expect(await raw(tillA, 'historyPage', { ...range, counter: tillBId })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('scope') } });
    const bySearch = await callApi<HistorySummary>(tillA, 'historySummary', { ...range, scope: 'shop', search: '9,90' });
    expect(bySearch).toMatchObject({ count: 1, sandboxCount: 1 });
  });

  it('exports the whole shop’s CSV: the counter’s columns plus the counter, every sale of both once', async () => {
    const exported = await callApi<PosValue<'exportCsv'>>(tillA, 'exportCsv', { ...range, scope: 'shop' });
    const text = await (await fetch(`${tillA.origin}${exported.downloadUrl}`)).text();
    const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    const own = await callApi<PosValue<'exportCsv'>>(tillB, 'exportCsv', range);
    const ownRecords = parse(await (await fetch(`${tillB.origin}${own.downloadUrl}`)).text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...Object.keys(ownRecords[0] ?? {}), 'counter']);
    const fromB = records.filter((record) => record.counter === 'Till B').map(({ counter: _counter, ...rest }) => rest);
    expect(fromB).toEqual(ownRecords);
    expect(records.filter((record) => record.counter === 'Till A')).toHaveLength(7);
    expect(new Set(records.map((record) => record.sale_id)).size).toBe(records.length);
  });

  it('counts a refund made after the day was closed as an adjustment in the next shop report, as each counter does', async () => {
    const [live] = (await callApi<PosValue<'historyPage'>>(tillB, 'historyPage', { ...range, status: 'paid', search: 'table' })).sales;
    await callApi(tillB, 'refundSale', { saleId: live?.id, amount: '1', txHash: '0xrefund44556677', reason: 'wrong order' });
    await waitUntil('till B is up to date', () => synced(tillB), 30_000);
    // The next report closes another day (the one before: today is closed, tomorrow has not begun).
    const yesterday = shopDayOf(new Date(Date.parse(range.from) - 12 * 3_600_000));
    const [zA, zB] = [await callApi<ZReport>(tillA, 'closeDay', { date: yesterday }), await callApi<ZReport>(tillB, 'closeDay', { date: yesterday })];
    const zShop = await callApi<ZReport>(tillA, 'closeDay', { date: yesterday, scope: 'shop' });
    expect(zShop.number).toBe(2);
    expect(zB.adjustments.sales).toHaveLength(1);
    expect(zShop.adjustments.sales.map(({ lastReport: _last, ...rest }) => rest)).toEqual(zB.adjustments.sales.map(({ lastReport: _last, ...rest }) => rest));
    expect(zShop.adjustments.sales[0]).toMatchObject({ lastReport: 1, day, refundChangeMinor: expect.any(Number) });
    expect(zShop.adjustments.figures.live).toEqual(addModes(zA.adjustments.figures.live, zB.adjustments.figures.live));
    expect(zShop.total.live.net).toEqual(addMoney(zA.total.live.net, zB.total.live.net));
    expect(zShop.refunds.map((refund) => refund.reason)).toEqual(['wrong order']);
    // The shop's reports are listed and reprinted apart from each counter's.
    const list = await callApi<{ number: number; day: string }[]>(tillA, 'listDayCloses', { scope: 'shop' });
    expect(list.map((entry) => [entry.number, entry.day])).toEqual([[2, yesterday], [1, day]]);
    expect(await callApi<ZReport>(tillA, 'getDayClose', { number: 2, scope: 'shop' })).toEqual(zShop);
    expect(await raw(tillA, 'getDayClose', { number: 3, scope: 'shop' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a counter’s role as the owner’s: row-level security would show one till as the whole shop', async () => {
    const refused = await raw(tillB, 'historySummary', { ...range, scope: 'shop' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringContaining('not in shop_owner') } });
    // And the role itself reads only its own counter's rows, whatever it asks for.
    const seen = await shopRows<{ name: string }>(shop.urls.b as string, 'SELECT DISTINCT c.name FROM shop.sales s JOIN shop.counters c USING (counter_id)');
    expect(seen).toEqual([{ name: 'Till B' }]);
    const tillBId = replicationMeta(join(dirs[1]!.path, DATABASE_FILE)).counterId;
    expect(await shopRows(shop.urls.b as string, 'SELECT DISTINCT counter_id FROM shop.refunds')).toEqual([{ counter_id: tillBId }]);
    await expect(shopRows(shop.urls.b as string, 'SELECT * FROM shop.day_closes')).rejects.toThrow('permission denied for table day_closes');
    // Till A's refund reached the shop ledger once, and only till A's role sees it among the counters.
    expect(await shopRows(shop.urls.a as string, 'SELECT refund_id, reason FROM shop.refunds')).toEqual([{ refund_id: '1', reason: 'one cup returned' }]);
    expect(await shopRows(shop.urls.desk as string, 'SELECT count(*)::int AS n FROM shop.refunds')).toEqual([{ n: 2 }]);
    // This counter's own books still answer.
    expect((await raw(tillB, 'historySummary', range)).ok).toBe(true);
  });

  it('keeps the whole shop behind the owner’s PIN once one is set', async () => {
    const owner = 'owner-window-0000000001';
    const other = 'another-tab-00000000002';
    expect((await raw(tillA, 'updateSettings', { ownerPin: '48151623' }, owner)).ok).toBe(true);
    for (const [method, args] of [
      ['historyPage', { ...range, scope: 'shop' }],
      ['historySummary', { ...range, scope: 'shop' }],
      ['dayClose', { ...range, scope: 'shop' }],
      ['closeDay', { date: day, scope: 'shop' }],
      ['exportCsv', { ...range, scope: 'shop' }],
      ['shopCounters', {}],
      ['listDayCloses', { scope: 'shop' }],
      ['getDayClose', { number: 1, scope: 'shop' }],
    ] as const) {
      expect(await raw(tillA, method, args, other), method).toMatchObject({ ok: false, error: { code: 'owner-locked' } });
      expect((await raw(tillA, method, args, owner)).ok, method).toBe(true);
    }
    expect((await raw(tillA, 'historySummary', range, other)).ok).toBe(true);
  });
});
