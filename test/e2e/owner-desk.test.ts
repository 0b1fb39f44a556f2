// The owner's desk in real Chromium against browser mode on the sandbox gateway: three sales made
// through the cashier's screen (paid, cancelled, underpaid) → history filters and totals → day
// close → receipt → resolving the review → a CSV download whose rows match the sales.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { makeSale } from '../helpers/owner-sales';
import { tempDir } from '../helpers/temp';

const SHOP = 'Corner Café Ωmega';

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let mode: BrowserMode | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await mode?.stop();
  mode = null;
  dir.remove();
});

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');

function historyRows(page: Page): Locator {
  // Data rows only: the header row has column headers, not cells.
  return page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ has: page.getByRole('cell') });
}

async function expectRows(page: Page, count: number): Promise<void> {
  await expect.poll(async () => historyRows(page).count(), { timeout: 5_000 }).toBe(count);
}

/** The value of a CSV row's column whose header matches, so the test follows the documented names. */
function column(row: Record<string, string>, pattern: RegExp): string {
  const key = Object.keys(row).find((name) => pattern.test(name));
  if (!key) throw new Error(`no CSV column matches ${pattern}: ${Object.keys(row).join(', ')}`);
  return row[key] as string;
}

describe("the owner's desk in a real browser", () => {
  it('shows history, the day close and receipts, resolves a review and exports matching CSV', async () => {
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR', '--shop-name', SHOP]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(mode.cashierUrl);
    await page.getByText('Sandbox — no real money', { exact: true }).waitFor();

    await makeSale(browser, page, '12.50', 'paid');
    await makeSale(browser, page, '7.20', 'cancelled');
    await makeSale(browser, page, '3', 'underpaid');
    const sales = await callApi<Sale[]>(mode, 'listSales', {});
    const byAmount = new Map(sales.map((sale) => [sale.amountMinor, sale]));
    const paid = byAmount.get(1250) as Sale;
    const cancelled = byAmount.get(720) as Sale;
    const review = byAmount.get(300) as Sale;
    expect([paid.status, cancelled.status, review.status]).toEqual(['paid', 'cancelled', 'review']);

    // History: today by default, every sale with its status; the review stands out with its reason.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expectRows(page, 3);
    expect(await text(historyRows(page).filter({ hasText: 'EUR 12.50' }))).toMatch(/Paid/);
    expect(await text(historyRows(page).filter({ hasText: 'EUR 7.20' }))).toMatch(/Cancelled/);
    expect(await text(historyRows(page).filter({ hasText: 'EUR 3.00' }))).toMatch(/Needs review.*paid less/);
    // Every sale here is a sandbox sale: no real money, so it is totalled apart from the paid total.
    const totals = page.getByRole('region', { name: 'Totals' });
    await expect.poll(async () => text(totals)).toMatch(/Sandbox — no real money: EUR 12\.50 \(1 paid test sale, not takings\)/);
    expect(await text(totals)).toMatch(/Paid total: nothing paid/);

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Paid' });
    await expectRows(page, 1);
    expect(await text(historyRows(page))).toContain('EUR 12.50');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'All' });
    await expectRows(page, 3);
    await page.getByLabel('Search', { exact: true }).fill('7.20');
    await expectRows(page, 1);
    expect(await text(historyRows(page))).toMatch(/EUR 7\.20.*Cancelled/);
    await page.getByLabel('Search', { exact: true }).fill('');
    await expectRows(page, 3);

    // Day close for today.
    await page.getByRole('button', { name: 'Day close', exact: true }).click();
    const report = page.getByRole('article', { name: 'Day close report' });
    await report.waitFor();
    expect(await text(report.locator('.day-report__figure', { hasText: 'Paid sales' }).locator('dd'))).toBe('0');
    expect(await text(report.locator('.day-report__figure', { hasText: 'Gross' }).locator('dd'))).toBe('—');
    expect(await text(report.locator('.day-report__figure', { hasText: 'Sandbox — no real money' }).locator('dd'))).toBe('EUR 12.50 1 paid test sale, not takings');
    expect(await text(report.getByRole('row', { name: /Cancelled/ }))).toMatch(/1$/);
    expect(await text(report.getByRole('row', { name: /Needs review/ }))).toMatch(/1$/);
    const reviewList = report.getByRole('listitem');
    expect(await reviewList.count()).toBe(1);
    expect(await text(reviewList.first())).toMatch(/EUR 3\.00/);

    // The paid sale's receipt, from the history.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expectRows(page, 3);
    await historyRows(page).filter({ hasText: 'EUR 12.50' }).getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.getByRole('dialog', { name: 'Receipt' });
    await receipt.getByRole('article', { name: 'Receipt' }).waitFor();
    const receiptText = await text(receipt);
    expect(receiptText).toContain(SHOP);
    expect(receiptText).toContain(paid.invoiceId as string);
    expect(paid.txHash).toBeTruthy();
    // The hash opens the block explorer: browser mode cannot reach the system browser, so the page
    // opens a new tab itself (routed here: the test has no internet).
    await page.context().route(/^https:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'explorer' }));
    const [explorer] = await Promise.all([page.waitForEvent('popup'), receipt.getByRole('link', { name: paid.txHash as string }).click()]);
    await explorer.waitForLoadState();
    expect(explorer.url()).toContain(paid.txHash as string);
    await explorer.close();
    await page.keyboard.press('Escape');
    await receipt.waitFor({ state: 'detached' });

    // Resolve the review: accepted as paid with a reason; the totals follow.
    await historyRows(page).filter({ hasText: 'EUR 3.00' }).getByRole('button', { name: 'Receipt' }).click();
    await receipt.getByRole('button', { name: 'Accept as paid' }).click();
    const action = page.getByRole('dialog', { name: /Accept as paid/ });
    await action.getByLabel('Reason', { exact: true }).fill('Customer paid the rest in cash');
    await action.getByRole('button', { name: 'Confirm' }).click();
    await action.waitFor({ state: 'detached' });
    await expect.poll(async () => text(receipt.getByRole('article', { name: 'Receipt' }))).toMatch(/Paid/);
    expect(await text(receipt.getByRole('region', { name: 'Event log' }))).toMatch(/Needs review → Paid/);
    // Accepting an underpayment counts what arrived, at the invoice's rate: less than the EUR 3.00 asked.
    const accepted = await callApi<Sale>(mode, 'getSale', { saleId: review.id });
    expect(accepted.status).toBe('paid');
    const recognised = accepted.recognisedMinor as number;
    expect(recognised).toBeGreaterThan(0);
    expect(recognised).toBeLessThan(300);
    const sandboxTotal = ((1250 + recognised) / 100).toFixed(2).replace('.', '\\.');
    await page.keyboard.press('Escape');
    await expect.poll(async () => text(totals)).toMatch(new RegExp(`Sandbox — no real money: EUR ${sandboxTotal} \\(2 paid test sales, not takings\\)`));
    expect(await text(totals)).toMatch(/Paid total: nothing paid/);
    expect(await text(historyRows(page).filter({ hasText: 'EUR 3.00' }))).toMatch(/Paid/);

    // CSV export of today, downloaded by the browser and read with an independent parser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const exported = new Map(rows.map((row) => [column(row, /^(sale[ _]?id|id)$/i), row]));
    const expected: [Sale, string, string][] = [
      [paid, 'paid', '12.50'],
      [cancelled, 'cancelled', '7.20'],
      [review, 'paid', '3.00'],
    ];
    for (const [sale, status, amount] of expected) {
      const row = exported.get(sale.id);
      if (!row) throw new Error(`sale ${sale.id} is missing from the CSV`);
      expect(column(row, /^status$/i)).toBe(status);
      expect(column(row, /^(fiat[ _]?)?amount$/i)).toBe(amount);
      expect(Object.values(row)).toContain('EUR');
      expect(column(row, /^mode$/i)).toBe('sandbox');
    }
    // The export's paid total is the history's (its sandbox line: every sale here is a sandbox sale):
    // what each paid sale counts as takings.
    const paidCents = rows.filter((row) => column(row, /^status$/i) === 'paid').reduce((sum, row) => sum + Math.round(Number(column(row, /^fiat_recognised$/i)) * 100), 0);
    expect(paidCents).toBe(1250 + recognised);

    // Excel-friendly: the same export with a byte order mark.
    await page.getByLabel('Excel-friendly (BOM)').check();
    const [withBom] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect([...readFileSync(await withBom.path()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await page.close();
  }, 90_000);

  it('marks a forgotten payment as paid by hand, voids a sale, and leaves the keypad alone off Sell', async () => {
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(mode.cashierUrl);
    await page.getByText('Sandbox — no real money', { exact: true }).waitFor();
    await page.getByRole('contentinfo', { name: 'Counter status' }).getByText('Sandbox mode', { exact: true }).waitFor();

    // A sale waits for a notice that never comes; the owner checks the wallet and marks it paid.
    await page.keyboard.type('8');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    const [pending] = await callApi<Sale[]>(mode, 'listSales', {});
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expectRows(page, 1);
    // Off Sell, digits and Enter are not the keypad's.
    await page.keyboard.type('99');
    await page.keyboard.press('Enter');
    await historyRows(page).getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.getByRole('dialog', { name: 'Receipt' });
    await receipt.getByRole('button', { name: 'Mark as paid' }).click();
    const action = page.getByRole('dialog', { name: /Mark as paid/ });
    await action.getByRole('button', { name: 'Confirm' }).click();
    await action.getByRole('alert').waitFor(); // nothing filled in: said in the dialog, nothing sent
    expect((await callApi<Sale>(mode, 'getSale', { saleId: pending?.id })).status).toBe('pending');
    await action.getByLabel('Transaction hash', { exact: true }).fill('0xfeedbeef00112233445566778899');
    await action.getByLabel('Note', { exact: true }).fill('Seen in the wallet, no notice came');
    await action.getByRole('button', { name: 'Confirm' }).click();
    await action.waitFor({ state: 'detached' });
    await expect.poll(async () => (await callApi<Sale>(mode as BrowserMode, 'getSale', { saleId: pending?.id })).status).toBe('paid');
    await receipt.getByRole('link', { name: '0xfeedbeef00112233445566778899' }).waitFor();

    // Then voided (a refund): it no longer counts as paid anywhere.
    await receipt.getByRole('button', { name: 'Void sale' }).click();
    const voiding = page.getByRole('dialog', { name: /Void sale/ });
    await voiding.getByLabel('Reason', { exact: true }).fill('Refunded to the customer');
    await voiding.getByRole('button', { name: 'Confirm' }).click();
    await voiding.waitFor({ state: 'detached' });
    await expect.poll(async () => text(receipt.getByRole('article', { name: 'Receipt' }))).toMatch(/Voided/);
    await page.keyboard.press('Escape');
    await expect.poll(async () => text(page.getByRole('region', { name: 'Totals' }))).toMatch(/nothing paid/);
    expect(await text(historyRows(page))).toMatch(/Voided/);

    // Back on Sell the cashier sees the outcome; the keys typed on History did not reach the keypad.
    await page.getByRole('button', { name: 'Sell', exact: true }).click();
    await expect.poll(async () => page.getByRole('status').textContent()).toMatch(/Voided/);
    await page.getByRole('button', { name: 'New sale', exact: true }).click();
    expect(await text(page.getByLabel('Amount', { exact: true }))).toBe('EUR0');
    expect(await callApi<Sale[]>(mode, 'listSales', {})).toHaveLength(1);
    await page.close();
  }, 60_000);
});
