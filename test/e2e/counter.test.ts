// The counter as a cashier lives it (issue 12), in real Chromium against browser mode on the sandbox
// gateway: the customer display follows a sale on a phone-sized and a full-HD screen, its token only
// watches; the chime plays on paid; keys never change what was meant; a digit on Paid starts the
// next sale; a 10 % tip; Arabic right to left; a header that does not move.
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, type BrowserMode } from '../helpers/browser-mode';
import { chargeTyped, counterRig, payOnPhone } from '../helpers/counter-rig';
import { decodeQr } from '../helpers/qr';

const rig = counterRig();
/** Each test drives two or three pages (cashier, display, phone); others run beside them on two cores. */
const E2E_TIMEOUT_MS = 90_000;
const start = (currency?: string) => rig.start(currency);

async function openCashier(current: BrowserMode, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await rig.browser.newPage({ viewport });
  await page.goto(current.cashierUrl);
  await page.getByText('Sandbox — no real money', { exact: true }).first().waitFor();
  return page;
}

const statusText = async (page: Page): Promise<string> => (await page.getByRole('status').textContent()) ?? '';

describe('the customer display', { timeout: E2E_TIMEOUT_MS }, () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1920, height: 1080 }]) {
    it(`follows a sale at ${viewport.width}×${viewport.height} with the whole QR on screen, decodable`, async () => {
      const current = await start();
      const display = await rig.browser.newPage({ viewport });
      await display.goto(current.displayUrl);
      expect(display.url()).not.toContain('token=');
      await display.getByRole('heading', { name: 'Tea House' }).waitFor();

      const page = await openCashier(current);
      const sale = await chargeTyped(page, current, '12.50');
      const qr = display.getByRole('img', { name: /QR/ });
      await qr.waitFor();
      await display.getByRole('heading', { name: 'Scan to pay' }).waitFor();
      expect(await display.textContent('body')).toContain('EUR 12.50');
      const box = await qr.boundingBox();
      if (!box) throw new Error('the QR is not laid out');
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      // As large as the screen allows: most of the shorter side.
      expect(box.width).toBeGreaterThan(Math.min(viewport.width, viewport.height) * 0.8);
      expect(decodeQr(await display.screenshot())).toBe(sale.paymentPage);

      await payOnPhone(rig.browser, sale.paymentPage as string);
      await display.getByRole('heading', { name: 'Paid — thank you!' }).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'New sale', exact: true }).click();
      await display.getByRole('heading', { name: 'Tea House' }).waitFor();
      await page.close();
      await display.close();
    });
  }

  it("gives its token only the watching: a sale cannot be started with it (403), the display's view can be read", async () => {
    const current = await start();
    const token = new URLSearchParams(new URL(current.displayUrl).hash.slice(1)).get('token') as string;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toBe(current.token);
    const call = (method: string, args: unknown) =>
      fetch(`${current.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
    const refused = await call('startSale', { amount: '5.00' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    for (const method of ['listSales', 'getSettings', 'updateSettings', 'exportCsv', 'setCurrentSale']) expect((await call(method, {})).status).toBe(403);
    const watched = await call('getDisplay', {});
    expect(watched.status).toBe(200);
    expect(((await watched.json()) as { value: { shopName: string; sale: unknown } }).value).toMatchObject({ shopName: 'Tea House', sale: null });
    expect(await callApi<Sale[]>(current, 'listSales', {})).toEqual([]);
  });
});

describe('the register at the counter', { timeout: E2E_TIMEOUT_MS }, () => {
  it('plays the chime on paid (through a hooked AudioContext) and shows a toast on History that leads to the sale', async () => {
    const current = await start();
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const tones: number[] = [];
      (window as unknown as { tones: number[] }).tones = tones;
      const Real = window.AudioContext;
      window.AudioContext = class extends Real {
        override createOscillator(): OscillatorNode {
          const oscillator = super.createOscillator();
          const setValueAtTime = oscillator.frequency.setValueAtTime.bind(oscillator.frequency);
          oscillator.frequency.setValueAtTime = (value: number, at: number) => {
            tones.push(value);
            return setValueAtTime(value, at);
          };
          return oscillator;
        }
      };
    });
    await page.goto(current.cashierUrl);
    await page.getByText('Sandbox — no real money', { exact: true }).first().waitFor();
    const sale = await chargeTyped(page, current, '4.20');
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await payOnPhone(rig.browser, sale.paymentPage as string);
    const toast = page.getByRole('button', { name: /Paid: EUR 4\.20/ });
    await toast.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as { tones: number[] }).tones)).toEqual([1318.5, 1760]);
    await toast.click();
    await page.getByRole('heading', { name: 'Paid' }).waitFor();
    await page.close();
  });

  it('never charges 125 for "12.5" typed in JPY: the point is refused on screen and Charge stays off', async () => {
    const current = await start('JPY');
    const page = await openCashier(current);
    await page.keyboard.type('12.5');
    const amount = page.getByLabel('Amount', { exact: true });
    expect(await amount.textContent()).toBe('JPY12');
    await page.getByRole('alert').filter({ hasText: 'JPY has no decimals' }).waitFor();
    expect(await page.getByRole('button', { name: 'Charge', exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await callApi<Sale[]>(current, 'listSales', {})).toEqual([]);
    // Backspace takes the held keys back one by one; the amount was never reinterpreted.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    expect(await page.getByRole('alert').filter({ hasText: 'no decimals' }).count()).toBe(0);
    await page.keyboard.type('5');
    expect(await amount.textContent()).toBe('JPY125');
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: /QR/ }).waitFor();
    expect((await callApi<Sale[]>(current, 'listSales', {}))[0]?.amountMinor).toBe(125);
    await page.close();
  });

  it('starts the next sale with a digit typed on the Paid screen, and Enter there never charges again', async () => {
    const current = await start();
    const page = await openCashier(current);
    const sale = await chargeTyped(page, current, '3.00');
    await payOnPhone(rig.browser, sale.paymentPage as string);
    await page.getByRole('heading', { name: 'Paid' }).waitFor({ timeout: 10_000 });
    await page.keyboard.type('7');
    await expect.poll(() => statusText(page)).toBe('Ready for a sale');
    expect(await page.getByLabel('Amount', { exact: true }).textContent()).toBe('EUR7');
    await page.keyboard.press('Backspace');
    // Enter on an empty keypad charges nothing; the paid sale stays the only one.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await callApi<Sale[]>(current, 'listSales', {})).toHaveLength(1);
    await page.close();
  });

  it("prints the customer's receipt from Paid on one 80 mm page, without the owner's event log", async () => {
    const current = await start();
    const page = await openCashier(current);
    const sale = await chargeTyped(page, current, '12.50');
    await payOnPhone(rig.browser, sale.paymentPage as string);
    await page.getByRole('heading', { name: 'Paid' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Receipt', exact: true }).click();
    const receipt = page.getByRole('article', { name: 'Customer receipt' });
    await receipt.getByText('Tea House').waitFor();
    expect(await receipt.textContent()).toContain('EUR 12.50');
    expect(await receipt.textContent()).not.toContain('Event log');
    // window.print would open the browser's dialog: record what it would print instead, then print that to PDF.
    await page.evaluate(() => {
      window.print = () => {
        const root = document.documentElement;
        const rules = document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
        (window as unknown as { printed: unknown }).printed = { part: root.dataset.printing, paper: root.dataset.paper, rule: rules.join(' ') };
      };
    });
    await page.getByRole('dialog', { name: 'Customer receipt' }).getByRole('button', { name: 'Print' }).click();
    const printed = (await page.evaluate(() => (window as unknown as { printed: { part: string; paper: string; rule: string } }).printed));
    expect(printed).toMatchObject({ part: 'customer-receipt', paper: '80mm' });
    expect(printed.rule).toMatch(/size: 80mm \d+mm/);
    await page.evaluate((shown) => {
      const root = document.documentElement;
      root.dataset.printing = shown.part;
      root.dataset.paper = shown.paper;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(shown.rule);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, printed);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    const width = Number(/\/MediaBox\s*\[\s*0 0 ([\d.]+)/.exec(pdf)?.[1]);
    expect(Math.abs(width - (80 / 25.4) * 72)).toBeLessThan(1);
    await page.close();
  });

  it('makes a EUR 11.00 invoice from 10.00 with a 10 % tip, and the CSV shows the tip apart', async () => {
    const current = await start();
    await callApi(current, 'updateSettings', { counter: { tips: { enabled: true, percents: [10, 15, 20], custom: true } } });
    const page = await openCashier(current);
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Add a tip?' }).waitFor();
    await page.getByRole('button', { name: /^10 %/ }).click();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    const [sale] = await callApi<Sale[]>(current, 'listSales', {});
    expect(sale).toMatchObject({ amountMinor: 1100, tipMinor: 100, currency: 'EUR' });
    expect(await page.textContent('body')).toContain('EUR 11.00');
    await payOnPhone(rig.browser, sale?.paymentPage as string);
    await page.getByRole('heading', { name: 'Paid' }).waitFor({ timeout: 10_000 });

    const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const exported = await callApi<{ downloadUrl: string }>(current, 'exportCsv', day);
    const csv = await (await fetch(`${current.origin}${exported.downloadUrl}`)).text();
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ fiat_amount: '11.00', tip: '1.00', status: 'paid' });
    await page.close();
  });

  it('speaks Arabic right to left when Settings choose it', async () => {
    const current = await start();
    const page = await openCashier(current);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await callApi(current, 'updateSettings', { counter: { uiLanguage: 'ar' } });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.getByRole('button', { name: 'Charge', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('fits the register without scrolling at 1024×768 and 1280×800; at 390×844 the keypad and the whole QR', async () => {
    const current = await start();
    const scrolls = (page: Page) =>
      page.evaluate(() => [document.documentElement, ...document.querySelectorAll('.stage, .register')].some((element) => element.scrollHeight > element.clientHeight + 1));
    for (const viewport of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }]) {
      const page = await openCashier(current, viewport);
      await page.keyboard.type('1234.56');
      expect(await scrolls(page), `${viewport.width}×${viewport.height}`).toBe(false);
      const charge = await page.getByRole('button', { name: 'Charge', exact: true }).boundingBox();
      expect((charge?.y ?? Infinity) + (charge?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
      await page.close();
    }
    const phone = await openCashier(current, { width: 390, height: 844 });
    for (const name of ['Clear', '0', 'Decimal point', 'Charge']) {
      const box = await phone.getByRole('button', { name, exact: true }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, name).toBe(true);
    }
    await chargeTyped(phone, current, '5');
    const qr = await phone.getByRole('img', { name: /QR/ }).boundingBox();
    expect(qr && qr.x >= 0 && qr.y >= 0 && qr.x + qr.width <= 390 && qr.y + qr.height <= 844).toBe(true);
    await phone.close();
  });

  it('keeps the navigation still while the status pill changes', async () => {
    const current = await start();
    const page = await openCashier(current);
    const nav = page.getByRole('navigation');
    const before = await nav.boundingBox();
    await chargeTyped(page, current, '99.99');
    await expect.poll(() => statusText(page)).toBe('Waiting for payment');
    expect(await nav.boundingBox()).toEqual(before);
    await page.close();
  });
});
