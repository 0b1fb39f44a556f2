// Browser mode's live updates in real Chromium, with a loopback proxy between the page and
// `node dist/serve.js` that can cut the Server-Sent Events stream or refuse it: the page says the
// updates stopped, reconnects with backoff, and when they come back every view catches up on what
// happened meanwhile, the owner's History included.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVENTS_RETRY_FIRST_MS } from '../../renderer/bridge/event-stream';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { startCounterProxy, type CounterProxy } from '../helpers/counter-proxy';
import { tempDir } from '../helpers/temp';

const STOPPED = 'Live updates from the counter service stopped';

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let mode: BrowserMode | null = null;
let proxy: CounterProxy | null = null;

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
  await proxy?.close();
  proxy = null;
  await mode?.stop();
  mode = null;
  dir.remove();
});

/** Browser mode behind the proxy, and a page that talks to it only through the proxy. */
async function openThroughProxy(prepare: (page: Page) => Promise<void> = async () => {}): Promise<{ page: Page; mode: BrowserMode; proxy: CounterProxy }> {
  mode = await startBrowserMode(['--data', dir.path, '--currency', 'EUR']);
  proxy = await startCounterProxy(mode.origin);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await prepare(page);
  await page.goto(`${proxy.url}/#token=${mode.token}`);
  await page.getByText('Sandbox — no real money', { exact: true }).waitFor();
  await expect.poll(() => proxy?.eventRequests).toBe(1);
  return { page, mode, proxy };
}

function historyRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ has: page.getByRole('cell') });
}

describe('live updates in a real browser', () => {
  it('says when the stream dropped, and when it resumes the register and the open History catch up', async () => {
    const { page, mode, proxy } = await openThroughProxy();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByText('No sales match.').waitFor();

    // The stream drops and the service looks down for a while.
    proxy.refuseEvents = true;
    proxy.cutEvents();
    await page.getByText(STOPPED).waitFor();
    // Meanwhile another window sells: its sale-updated event has nowhere to go.
    await callApi(mode, 'startSale', { amount: '4.00', note: 'sold while the stream was down' });
    expect(await historyRows(page).count()).toBe(0);

    proxy.refuseEvents = false;
    await page.getByText(STOPPED).waitFor({ state: 'detached', timeout: 20_000 });
    // History read again on its own: the sale it never heard about is there, and in the totals.
    await expect.poll(async () => historyRows(page).count(), { timeout: 5_000 }).toBe(1);
    expect(await historyRows(page).first().textContent()).toContain('EUR 4.00');
    await expect.poll(async () => page.getByRole('region', { name: 'Totals' }).textContent()).toMatch(/Waiting: 1/);
    // So did the register's list of today's sales.
    await page.getByRole('button', { name: 'Sell', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: 'EUR 4.00' }).waitFor();
    await page.close();
  }, 60_000);

  it('backs off while the stream is refused (3 s, 6 s, 12 s on the page clock) and resumes when it is served again', async () => {
    const { page, proxy } = await openThroughProxy(async (page) => {
      // Counts the page's EventSources and the ones the browser gave up on (the real EventSource
      // does all the work), and puts the page's timers on a clock the test moves.
      await page.addInitScript(() => {
        const Real = window.EventSource;
        const seen = { made: 0, closed: 0 };
        Object.assign(window, { __eventSources: seen });
        window.EventSource = class extends Real {
          constructor(url: string | URL, init?: EventSourceInit) {
            super(url, init);
            seen.made += 1;
            this.addEventListener('error', () => {
              if (this.readyState === Real.CLOSED) seen.closed += 1;
            });
          }
        };
      });
      await page.clock.install();
    });
    const seen = (): Promise<{ made: number; closed: number }> => page.evaluate(() => (window as unknown as { __eventSources: { made: number; closed: number } }).__eventSources);
    expect((await seen()).made).toBe(1);

    // A moment ahead of the page's clock, then still: the page's timers move only when the test says.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    proxy.refuseEvents = true;
    proxy.cutEvents();
    await page.getByText(STOPPED).waitFor();

    // Each refusal makes the browser give up on the stream; the page then waits twice as long as
    // the time before: a dead service is not hammered.
    let delayMs = EVENTS_RETRY_FIRST_MS;
    for (let refusal = 1; refusal <= 3; refusal += 1) {
      await expect.poll(async () => (await seen()).closed, { timeout: 10_000 }).toBe(refusal);
      const made = (await seen()).made;
      await page.clock.runFor(delayMs - 1);
      expect((await seen()).made).toBe(made);
      if (refusal === 3) proxy.refuseEvents = false;
      await page.clock.runFor(1);
      expect((await seen()).made).toBe(made + 1);
      delayMs *= 2;
    }

    // The third try was served: live updates are back.
    await page.getByText(STOPPED).waitFor({ state: 'detached', timeout: 10_000 });
    expect((await seen()).closed).toBe(3);
    await page.close();
  }, 60_000);
});
