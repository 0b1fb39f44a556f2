// Drives the cashier's screen to make sales of each kind, for the owner's-desk tests.
import type { Browser, Page } from 'playwright-core';
import { decodeQr } from './qr';

export type SaleEnding = 'paid' | 'cancelled' | 'underpaid';

/** Keys an amount on the on-screen keypad ("12.50"), charges it and ends the sale the given way. */
export async function makeSale(browser: Browser, page: Page, amount: string, ending: SaleEnding): Promise<void> {
  for (const char of amount) {
    await page.getByRole('button', { name: char === '.' ? 'Decimal point' : char, exact: true }).click();
  }
  await page.getByRole('button', { name: 'Charge', exact: true }).click();
  const qr = page.getByRole('img', { name: /QR/ });
  await qr.waitFor();
  if (ending === 'cancelled') {
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await waitForStatus(page, /Cancelled/);
  } else {
    const phone = await browser.newPage();
    await phone.goto(decodeQr(await qr.screenshot()) as string);
    await phone.getByRole('button', { name: ending === 'paid' ? 'Simulate payment' : /^Simulate underpayment/ }).click();
    await phone.waitForLoadState();
    await phone.close();
    await waitForStatus(page, ending === 'paid' ? /Paid/ : /Needs review/);
  }
  await page.getByRole('button', { name: 'New sale', exact: true }).click();
  await waitForStatus(page, /Ready for a sale/);
}

async function waitForStatus(page: Page, text: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (text.test((await page.getByRole('status').textContent()) ?? '')) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`the status line never matched ${text}: ${await page.getByRole('status').textContent()}`);
}
