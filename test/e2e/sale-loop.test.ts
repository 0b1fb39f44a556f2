// The cashier's whole loop in real Chromium against browser mode (`node dist/serve.js`), on the
// embedded sandbox gateway: key 12.50 → Charge → QR → Simulate payment → Paid → restart → still paid.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { decodeQr } from '../helpers/qr';
import { tempDir } from '../helpers/temp';

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

async function openCashier(current: BrowserMode): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(current.cashierUrl);
  await page.getByText('Sandbox — no real money', { exact: true }).waitFor();
  return page;
}

describe('the sale loop in a real browser', () => {
  it('takes a payment end to end and keeps it across a restart', async () => {
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
    const page = await openCashier(mode);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');

    for (const key of ['1', '2', 'Decimal point', '5', '0']) await page.getByRole('button', { name: key, exact: true }).click();
    await page.getByRole('button', { name: 'Charge', exact: true }).click();

    const qr = page.getByRole('img', { name: /QR/ });
    await qr.waitFor();
    await expect.poll(async () => page.getByRole('status').textContent()).toMatch(/Waiting for payment/);
    const [sale] = await callApi<Sale[]>(mode, 'listSales', {});
    if (!sale) throw new Error('no sale');
    expect(sale).toMatchObject({ status: 'pending', amountMinor: 1250, currency: 'EUR' });
    // The QR a phone would scan decodes, with an independent decoder, to the invoice's payment page.
    const decoded = decodeQr(await qr.screenshot());
    expect(decoded).toBe(sale.paymentPage);
    expect(await page.textContent('body')).toContain(sale.cryptoAmount as string);

    // The customer's phone: the sandbox payment page, and its Simulate payment button.
    const phone = await browser.newPage();
    await phone.goto(decoded as string);
    await phone.getByRole('button', { name: 'Simulate payment' }).click();
    await phone.waitForLoadState();
    await phone.close();

    await expect.poll(async () => page.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Paid');
    await page.getByRole('button', { name: 'New sale', exact: true }).waitFor();
    const todayRow = page.getByRole('listitem').filter({ hasText: '12.50' });
    await expect.poll(async () => (await todayRow.first().textContent()) ?? '').toMatch(/paid/i);
    await page.close();

    // Stop and start browser mode again on the same data directory: the sale is still there, paid.
    expect(await mode.stop()).toBe(0);
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
    const again = await openCashier(mode);
    const row = again.getByRole('listitem').filter({ hasText: '12.50' });
    await expect.poll(async () => (await row.first().textContent()) ?? '').toMatch(/paid/i);
    expect((await callApi<Sale>(mode, 'getSale', { saleId: sale.id })).status).toBe('paid');
    await again.close();
  });

  it('runs from the physical keyboard: digits, Backspace, Escape, Enter to charge and Escape to cancel', async () => {
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
    const page = await openCashier(mode);
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    // The third decimal is refused and held (issue 12: never dropped silently); Backspace takes it back.
    await page.keyboard.type('7,255');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: /QR/ }).waitFor();
    const [sale] = await callApi<Sale[]>(mode, 'listSales', {});
    expect(sale?.amountMinor).toBe(725);
    await page.keyboard.press('Escape');
    await expect.poll(async () => page.getByRole('status').textContent()).toMatch(/Cancelled/);
    expect((await callApi<Sale>(mode, 'getSale', { saleId: sale?.id })).status).toBe('cancelled');
    await page.close();
  });

  it('shows an underpayment as needing review, never green', async () => {
    mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
    const page = await openCashier(mode);
    await page.keyboard.type('3');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    const qr = page.getByRole('img', { name: /QR/ });
    await qr.waitFor();
    const phone = await browser.newPage();
    await phone.goto(decodeQr(await qr.screenshot()) as string);
    await phone.getByRole('button', { name: 'Simulate underpayment' }).click();
    await phone.waitForLoadState();
    await phone.close();
    await expect.poll(async () => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Needs review/);
    expect(await page.getByRole('status').textContent()).not.toMatch(/\bPaid\b/);
    await page.close();
  });
});
