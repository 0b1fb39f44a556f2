// The cashier's Today list windowed (issue 14), in real Chromium at 1280×800 and 390×844: a day of
// 5,000 sales seeded into the ledger, all of them in the list (aria-setsize), only a bounded window
// of rows in the page; End on the keyboard reaches the day's oldest sale, and a new sale comes in on
// top. Counts and contents, never times. TODAY_SHOTS=<folder> also saves screenshots of the list.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { seedManySales } from '../bench/sales-seed';
import { callApi } from '../helpers/browser-mode';
import { counterRig } from '../helpers/counter-rig';

const rig = counterRig();
const SALES = 5_000;
/** The rows in view plus the overscan, at either size, with room to spare; 5,000 were drawn before. */
const MOST_ROWS_IN_PAGE = 80;
const SHOTS = process.env.TODAY_SHOTS;

/** 5,000 sales from local midnight to a second ago (seedManySales: the oldest, i = 0, is EUR 1.00 with a note "table 0, …"). */
function seedToday(dataDir: string): void {
  const now = Date.now();
  const midnight = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate()).getTime();
  const spanMs = Math.max(now - midnight - 1_000, SALES);
  seedManySales(join(dataDir, DATABASE_FILE), SALES, new Date(midnight + spanMs), spanMs / 86_400_000);
}

async function rowsInPage(list: Locator): Promise<number> {
  return list.getByRole('listitem').count();
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe("the cashier's Today list, windowed", () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`holds a bounded window of a 5,000-sale day, reaches the oldest and takes new sales on top at ${viewport.width}×${viewport.height}`, async () => {
      const mode = await rig.start();
      seedToday(rig.dataDir);
      const context = await rig.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(mode.cashierUrl);
      const list = page.getByRole('list', { name: 'Today’s sales' });
      const first = list.getByRole('listitem').first();
      await expect.poll(() => first.getAttribute('aria-setsize'), { timeout: 15_000 }).toBe(String(SALES));
      expect(await first.getAttribute('aria-posinset')).toBe('1');
      expect(await rowsInPage(list)).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
      expect(await rowsInPage(list)).toBeGreaterThan(5);
      const size = `${viewport.width}x${viewport.height}`;
      if (viewport.width < 700) await list.scrollIntoViewIfNeeded();
      await shot(page, `${size}-top`);

      // Halfway down by the scroll position: rows there, none missing at the top of the view.
      await page.evaluate(() => {
        const element = document.querySelector('.today__list') as HTMLElement;
        const scroller = element.scrollHeight > element.clientHeight ? element : (document.scrollingElement as HTMLElement);
        scroller.scrollTop = scroller.scrollHeight / 2;
      });
      await expect.poll(() => list.getByRole('listitem').first().getAttribute('aria-posinset')).not.toBe('1');
      expect(await rowsInPage(list)).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
      await shot(page, `${size}-middle`);

      // The keyboard reaches the end of the day: the oldest sale, the 5,000th row.
      await list.focus();
      await page.keyboard.press('End');
      const last = list.getByRole('listitem').last();
      await expect.poll(() => last.getAttribute('aria-posinset')).toBe(String(SALES));
      await expect.poll(() => last.isVisible()).toBe(true);
      expect(await last.textContent()).toMatch(/EUR 1\.00.*table 0, "espresso" ×2.*Paid/);
      expect(await rowsInPage(list)).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
      await shot(page, `${size}-end`);

      // A sale started now: the oldest stays last (one more row in all), and the new one is on top.
      await callApi(mode, 'startSale', { amount: '42.00' });
      await expect.poll(() => last.getAttribute('aria-posinset')).toBe(String(SALES + 1));
      expect(await last.textContent()).toMatch(/EUR 1\.00/);
      await page.keyboard.press('Home');
      await expect.poll(() => first.textContent()).toMatch(/EUR 42\.00/);
      expect(await first.getAttribute('aria-posinset')).toBe('1');
      expect(await first.getAttribute('aria-setsize')).toBe(String(SALES + 1));
      expect(await rowsInPage(list)).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
      await context.close();
    }, 60_000);
  }
});
