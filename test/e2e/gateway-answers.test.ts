// The cashier's side of a gateway that refuses or dawdles, in real Chromium against browser mode:
// a 400 sent as text/html (as Express labels res.status(400).send('Error: …')) shows the gateway's own
// words and a Retry button; a gateway slower than 3 s shows "Still waiting for the gateway…" with Cancel.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { freePort } from '../helpers/ports';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { tempDir } from '../helpers/temp';

const API_KEY = 'mk_live_E2E_refusal_0a9b8c7d6e5f4a3b2c1d';

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

async function openLiveCounter(): Promise<Page> {
  const webhookPort = await freePort();
  proxy.target = `http://127.0.0.1:${webhookPort}`;
  mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR', '--gateway-url', gateway.baseUrl, '--public-url', proxy.url, '--webhook-port', String(webhookPort)], { MITILENA_API_KEY: API_KEY });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(mode.cashierUrl);
  await page.getByText('Webhook reachable').waitFor({ timeout: 10_000 });
  return page;
}

async function type(page: Page, keys: string[]): Promise<void> {
  for (const key of keys) await page.getByRole('button', { name: key, exact: true }).click();
}

describe('the gateway refuses or is slow', () => {
  it('shows the words of a 400 sent as text/html and a Retry that charges again', async () => {
    const page = await openLiveCounter();
    gateway.answerWith({ kind: 'raw', status: 400, contentType: 'text/html; charset=utf-8', body: `Error: fiatAmount must be a number (${API_KEY})` });
    await type(page, ['1', '2', 'Decimal point', '5']);
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await page.getByRole('heading', { name: 'Charge failed' }).waitFor();
    await page.getByText('The gateway refused the invoice: Error: fiatAmount must be a number ([redacted])', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(API_KEY.slice(0, 12));

    gateway.answerWith({ kind: 'fresh-invoice' });
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    const sales = await callApi<Sale[]>(mode as BrowserMode, 'listSales', {});
    expect(sales.map((sale) => sale.status).sort()).toEqual(['failed', 'pending']);
    await page.close();
  });

  it('says "Still waiting for the gateway…" after 3 s, and Cancel stops the sale', async () => {
    const page = await openLiveCounter();
    gateway.answerWith({ kind: 'late', delayMs: 8_000, then: { kind: 'fresh-invoice' } });
    await type(page, ['7']);
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    const startedAt = Date.now();
    await page.getByRole('heading', { name: 'Still waiting for the gateway…' }).waitFor({ timeout: 6_000 });
    // Not before the 3 s: a fast answer never flashes this screen.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2_500);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('heading', { name: 'Sale cancelled' }).waitFor();
    const [sale] = await callApi<Sale[]>(mode as BrowserMode, 'listSales', {});
    expect(sale?.status).toBe('cancelled');
    // The invoice the gateway makes later is kept on the cancelled sale, which stays cancelled.
    await expect.poll(async () => (await callApi<Sale>(mode as BrowserMode, 'getSale', { saleId: (sale as Sale).id })).invoiceId, { timeout: 12_000 }).toMatch(/^auto-test-/);
    expect((await callApi<Sale>(mode as BrowserMode, 'getSale', { saleId: (sale as Sale).id })).status).toBe('cancelled');
    await expect.poll(async () => page.getByRole('heading', { name: 'Sale cancelled' }).count()).toBe(1);
    await page.close();
  }, 40_000);
});
