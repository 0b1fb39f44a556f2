// What the counter's end-to-end tests share (issue 12): one Chromium for the file, a data folder and
// a browser mode per test, and the customer's phone paying on the sandbox's payment page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from './browser-mode';
import { launchChromium } from './chromium';
import { tempDir } from './temp';

export interface CounterRig {
  readonly browser: Browser;
  /** Browser mode on this test's own data folder, stopped after the test. */
  start(currency?: string): Promise<BrowserMode>;
  /** The same with the test's own flags (the data folder is added). */
  startWith(args: string[]): Promise<BrowserMode>;
  /** This test's data folder (the ledger is `counter.sqlite3` in it once browser mode has started). */
  readonly dataDir: string;
}

/** Registers the file's hooks; call once at the top of a test file. */
export function counterRig(): CounterRig {
  let browser: Browser | null = null;
  let dir: ReturnType<typeof tempDir> | null = null;
  let mode: BrowserMode | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await mode?.stop();
    mode = null;
    dir?.remove();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium has not started');
      return browser;
    },
    start(currency = 'EUR') {
      return this.startWith(['--currency', currency, '--shop-name', 'Tea House']);
    },
    get dataDir() {
      if (!dir) throw new Error('no data folder');
      return dir.path;
    },
    async startWith(args: string[]) {
      if (!dir) throw new Error('no data folder');
      mode = await startBrowserMode(['--data', dir.path, ...args]);
      return mode;
    },
  };
}

/** The customer's phone pays the invoice on the sandbox's payment page. */
export async function payOnPhone(where: Browser | BrowserContext, paymentPage: string, button: string | RegExp = 'Simulate payment'): Promise<void> {
  const phone = await where.newPage();
  await phone.goto(paymentPage);
  await phone.getByRole('button', { name: button }).click();
  await phone.waitForLoadState();
  await phone.close();
}

/** Types an amount on the physical keyboard, charges it with Enter, and reads the sale it made. */
export async function chargeTyped(page: Page, mode: BrowserMode, amount: string): Promise<Sale> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.getByRole('img', { name: /QR/ }).waitFor();
  const [sale] = await callApi<Sale[]>(mode, 'listSales', {});
  if (!sale?.paymentPage) throw new Error('no sale with a payment page');
  return sale;
}
