// Sandbox money is not money, in real Chromium against browser mode: a EUR 50.00 sale paid with
// "Simulate payment" on the sandbox page, then the owner enters an API key and makes two live sales
// through the contract gateway. The day close's Gross and the history's Paid total show the live
// money only; the sandbox sale is shown apart, labelled "Sandbox — no real money".
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { makeSale } from '../helpers/owner-sales';
import { freePort } from '../helpers/ports';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { tempDir } from '../helpers/temp';

const API_KEY = 'mk_live_SANDBOX_APART_0123456789_k3y9';

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let mode: BrowserMode | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
});
afterEach(async () => {
  await mode?.stop();
  mode = null;
  await gateway.close();
  await proxy.close();
  dir.remove();
});

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Keys the amount, charges it at the contract gateway and delivers the gateway's genuine notice. */
async function liveSale(page: Page, current: BrowserMode, amount: string, index: number): Promise<Sale> {
  const invoiceId = `auto-live-${index}-0000-0000`;
  gateway.answerWith({ kind: 'invoice', body: { ...fixtureInvoice(), invoiceId, txId: invoiceId, paymentPage: `https://mitilena.com/pay/${invoiceId}`, expiresAt: new Date(Date.now() + 3600_000).toISOString() } });
  for (const char of amount) await page.getByRole('button', { name: char === '.' ? 'Decimal point' : char, exact: true }).click();
  await page.getByRole('button', { name: 'Charge', exact: true }).click();
  await page.getByRole('img', { name: /QR/ }).waitFor();
  const sale = (await callApi<Sale[]>(current, 'listSales', {})).find((candidate) => candidate.invoiceId === invoiceId);
  if (!sale) throw new Error(`no sale for ${invoiceId}`);
  expect(sale.sandbox).toBe(false);
  const notice = await postNotice(sale.webhookUrl as string, paidNoticeFor(sale, API_KEY, { blockchainHash: String(index).repeat(64).slice(0, 64) }), API_KEY);
  expect(notice.status).toBe(200);
  await expect.poll(async () => page.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Paid');
  await page.getByRole('button', { name: 'New sale', exact: true }).click();
  return sale;
}

describe('sandbox money in a real browser', () => {
  it('keeps a sandbox sale out of Gross and the Paid total, and labels it apart', async () => {
    const webhookPort = await freePort();
    proxy.target = `http://127.0.0.1:${webhookPort}`;
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR', '--gateway-url', gateway.baseUrl, '--public-url', proxy.url, '--webhook-port', String(webhookPort)]);
    const current = mode;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(current.cashierUrl);
    await page.getByText('Sandbox — no real money', { exact: true }).waitFor();

    // A sandbox sale, paid on the sandbox's own payment page.
    await makeSale(browser, page, '50', 'paid');
    const [sandboxSale] = await callApi<Sale[]>(current, 'listSales', {});
    expect(sandboxSale).toMatchObject({ status: 'paid', sandbox: true, amountMinor: 5000 });

    // The owner enters the API key: live from the next sale on, through the public URL.
    await callApi(current, 'updateSettings', { apiKey: API_KEY });
    await page.getByText('Webhook reachable').waitFor({ timeout: 10_000 });
    // The header's sandbox badge is gone (the sandbox sale stays in today's list, labelled).
    await expect.poll(async () => page.locator('.sandbox-badge').count()).toBe(0);
    await liveSale(page, current, '12.50', 1);
    await liveSale(page, current, '7.50', 2);
    // The cashier's own "Paid today" is live money too; the test sale is on a line of its own.
    const today = page.getByRole('complementary', { name: 'Today’s sales' });
    await expect.poll(async () => text(today.locator('.today__total'))).toBe('Paid today: EUR 20.00 (2 sales)');
    expect(await text(today.locator('.today__sandbox'))).toBe('Sandbox — no real money: EUR 50.00 (1 paid test sale)');

    // History: the paid total is live money; the sandbox sale is apart and labelled on its row.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ has: page.getByRole('cell') });
    await expect.poll(async () => rows.count(), { timeout: 5_000 }).toBe(3);
    const totals = page.getByRole('region', { name: 'Totals' });
    await expect.poll(async () => text(totals.locator('.history__totals'))).toBe('Paid total: EUR 20.00');
    expect(await text(totals.locator('.history__sandbox'))).toBe('Sandbox — no real money: EUR 50.00 (1 paid test sale, not takings)');
    expect(await text(totals)).toMatch(/Paid: 3/);
    expect(await text(rows.filter({ hasText: 'EUR 50.00' }))).toMatch(/EUR 50\.00.*Paid ?Sandbox — no real money/);
    expect(await rows.filter({ hasText: 'EUR 12.50' }).getByText('Sandbox — no real money').count()).toBe(0);

    // The sandbox sale's receipt says so.
    await rows.filter({ hasText: 'EUR 50.00' }).getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.getByRole('dialog', { name: 'Receipt' }).getByRole('article', { name: 'Receipt' });
    await receipt.waitFor();
    expect(await text(receipt)).toContain('Sandbox — no real money: a test payment made with the sandbox, not a real sale');
    await page.keyboard.press('Escape');
    await receipt.waitFor({ state: 'detached' });

    // Day close: Gross and Paid sales are the live ones; the sandbox's figure stands apart.
    await page.getByRole('button', { name: 'Day close', exact: true }).click();
    const report = page.getByRole('article', { name: 'Day close report' });
    await report.waitFor();
    const figure = (name: string): Locator => report.locator('.day-report__figure', { has: page.getByRole('term').filter({ hasText: name }) }).locator('dd');
    expect(await text(figure('Gross'))).toBe('EUR 20.00');
    expect(await text(figure('Paid sales'))).toBe('2');
    expect(await text(figure('Crypto received'))).toBe('3.160874 USDT on Tron (TRC20)');
    expect(await text(figure('Sandbox — no real money'))).toBe('EUR 50.00 1 paid test sale, not takings');
    await page.close();
  }, 90_000);
});
