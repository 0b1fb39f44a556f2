// The whole shop on the owner's desk in real Chromium (issue 15): two browser-mode counters replicate
// into one PostgreSQL cluster; on till A (which has the owner desk's URL) History and Day close offer
// "This counter / Whole shop", say when each counter last sent its sales, list both counters' sales
// with the counter named, and close the whole shop's day. SAVE_SCREENS=1 saves the screens to docs/screens/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDayOf, shopDayRange } from '../../electron/pos/owner/shop-time';
import type { PosStatus } from '../../shared/api';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { clusterForThisFile, seededLedger, sell, shopDatabase, waitUntil } from '../helpers/shop-ledger';
import { tempDir } from '../helpers/temp';

const SCREENS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

const cluster = clusterForThisFile();
const dirs = [tempDir(), tempDir()];
const tills: BrowserMode[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  const shop = await shopDatabase(cluster(), { counters: ['a', 'b'], owners: ['desk'] });
  const start = new Date(Date.parse((shopDayRange(shopDayOf(new Date())) as { from: string }).from) + 60_000);
  seededLedger(dirs[0]!.path, 5, start);
  seededLedger(dirs[1]!.path, 3, start);
  const names = ['Front till', 'Terrace till'];
  const env: Record<string, string>[] = [{ SHOP_LEDGER_URL: shop.urls.a as string, SHOP_LEDGER_OWNER_URL: shop.urls.desk as string }, { SHOP_LEDGER_URL: shop.urls.b as string }];
  for (const [index, dir] of dirs.entries()) tills.push(await startBrowserMode(['--data', dir.path, '--counter-name', names[index] as string, '--currency', 'EUR'], env[index]));
  await sell(tills[1] as BrowserMode, '4.80', 'paid');
  await waitUntil('both counters are up to date', async () => {
    for (const till of tills) if ((await callApi<PosStatus>(till, 'getStatus')).shopLedger.state !== 'synced') return false;
    return true;
  }, 60_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const till of tills) await till.stop('SIGKILL');
  for (const dir of dirs) dir.remove();
});

async function save(page: Page, name: string): Promise<void> {
  if (process.env.SAVE_SCREENS !== '1') return;
  mkdirSync(SCREENS, { recursive: true });
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: `${SCREENS}${name}-${width}x${height}.png` });
}

const rows = (page: Page) => page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ has: page.getByRole('cell') });

describe('the whole shop in a real browser', () => {
  for (const viewport of VIEWPORTS) {
    it(`offers "This counter / Whole shop" and shows both counters’ sales and day at ${viewport.width}×${viewport.height}`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto((tills[0] as BrowserMode).cashierUrl);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(5);
      await page.getByRole('radio', { name: 'Whole shop' }).click();
      await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(9);
      const freshness = page.getByRole('list', { name: 'How current each counter is' });
      await expect.poll(async () => (await freshness.textContent()) ?? '').toMatch(/Front till: last sent .*Terrace till: last sent /);
      expect(await rows(page).filter({ hasText: 'Terrace till' }).count()).toBe(4);
      await expect.poll(async () => (await page.getByRole('region', { name: 'Totals' }).textContent()) ?? '').toContain('9 sales');
      await save(page, 'shop-history');

      await page.getByRole('button', { name: 'Day close', exact: true }).click();
      await page.getByRole('heading', { name: 'Day close — whole shop' }).waitFor();
      await page.getByRole('button', { name: 'Close the whole shop’s day (Z-report)' }).waitFor();
      await save(page, 'shop-day-close');
      await page.getByRole('radio', { name: 'This counter' }).click();
      await page.getByRole('heading', { name: 'Day close', exact: true }).waitFor();
      await page.close();
    }, 60_000);
  }

  it('closes the whole shop’s day and lists its Z-report apart from the counter’s', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    await page.goto((tills[0] as BrowserMode).cashierUrl);
    await page.getByRole('button', { name: 'Day close', exact: true }).click();
    await page.getByRole('radio', { name: 'Whole shop' }).click();
    await page.getByRole('button', { name: 'Close the whole shop’s day (Z-report)' }).click();
    await page.getByRole('button', { name: /^No\. 1 · / }).waitFor();
    await page.getByRole('heading', { name: 'My shop (every counter): Z-report No. 1' }).waitFor();
    await save(page, 'shop-z-report');
    await page.getByRole('radio', { name: 'This counter' }).click();
    await page.getByText('No day has been closed yet.').waitFor();
    await page.close();
  }, 60_000);
});
