// The notice → "Paid" on screen, in real Chromium on browser mode (DESIGN.md: p95 under 20 ms). The
// cashier page charges a sale from the keyboard; then the bench POSTs the paid notice to the webhook
// listener and a MutationObserver in the page notes when the Paid screen is in the document. Both
// ends read `performance.timeOrigin + performance.now()`, the page's clock offset from Node's is
// measured by round trips (the shortest one's middle), so a sample is one clock's difference.
// Where the time goes is split at the core's sale-updated (Node) and the page's receipt of that
// event from the stream (an init script wraps EventSource's listeners; the app is unchanged).
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore } from '../../electron/pos/core';
import type { Sale } from '../../shared/sale';
import { launchChromium } from '../helpers/chromium';
import { paidNoticeFor, postNoticeBody } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';
import type { Figures } from './figures';
import { ms, percentile } from './stats';

const TOKEN = 'p'.repeat(64);
const CLOCK_ROUND_TRIPS = 30;

interface PageMarks {
  paidAt: number;
  eventAt: number;
}

const nodeNow = (): number => performance.timeOrigin + performance.now();

/** In the page before its scripts: when the Paid screen appears, and when a paid sale-updated came off the stream. */
function installMarks(): void {
  const marks = { paidAt: 0, eventAt: 0 };
  (window as unknown as { __marks: PageMarks }).__marks = marks;
  const now = (): number => performance.timeOrigin + performance.now();
  const add = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
    if (type !== 'sale-updated' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(this, type, (event: Event) => {
      if (!marks.eventAt && String((event as MessageEvent).data).includes('"status":"paid"')) marks.eventAt = now();
      listener.call(this, event);
    }, options);
  } as typeof EventSource.prototype.addEventListener;
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => {
      if (!marks.paidAt && document.querySelector('.outcome--paid')) marks.paidAt = now();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Page clock minus Node clock, from the round trip with the least time in flight. */
async function clockOffset(page: Page): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < CLOCK_ROUND_TRIPS; i++) {
    const sent = nodeNow();
    const pageAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = nodeNow();
    if ((back - sent) / 2 < best.uncertaintyMs) best = { offsetMs: pageAt - (sent + back) / 2, uncertaintyMs: (back - sent) / 2 };
  }
  return best;
}

export async function benchPaidOnScreen(samples = Number(process.env.PAID_SAMPLES ?? 100)): Promise<Figures> {
  const dir = tempDir('mitilena-bench-paid-');
  const core = await startCore({ dataDir: dir.path, currency: 'EUR', secrets: memorySecrets(), log: () => undefined });
  const host = await startBrowserHost({ core, token: TOKEN, rendererDir: join(dirname(process.argv[1] as string), 'renderer'), port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(installMarks);
    await page.goto(`${host.url}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Charge', exact: true }).waitFor();
    const key = core.ledger.getMeta('sandbox_key') as string;
    const onScreen: number[] = [];
    const toEvent: number[] = [];
    const overStream: number[] = [];
    const inPage: number[] = [];
    let eventAt = 0;
    let watched = '';
    const stop = core.on('sale-updated', (sale: Sale) => {
      if (sale.id === watched && sale.status === 'paid' && !eventAt) eventAt = nodeNow();
    });
    let clock = await clockOffset(page);
    for (let i = 0; i < samples; i++) {
      await page.keyboard.type(`${1 + (i % 40)}.50`);
      await page.keyboard.press('Enter');
      await page.getByRole('img', { name: /QR/ }).waitFor();
      const [sale] = core.ledger.listSales({ limit: 1 });
      if (sale?.status !== 'pending') throw new Error('the charge made no pending sale');
      await page.evaluate(() => {
        const marks = (window as unknown as { __marks: PageMarks }).__marks;
        marks.paidAt = 0;
        marks.eventAt = 0;
      });
      // The QR screen settled; the notice then comes at a random point of the page's frame.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 17));
      if (i % 20 === 19) clock = await clockOffset(page);
      watched = sale.id;
      eventAt = 0;
      const body = JSON.stringify(paidNoticeFor(sale, key, { blockchainHash: i.toString(16).padStart(64, '0') }));
      const sent = nodeNow();
      const status = await postNoticeBody(core.webhookLocalUrl, body, key);
      if (status !== 200) throw new Error(`notice answered ${status}`);
      await page.waitForFunction(() => (window as unknown as { __marks: PageMarks }).__marks.paidAt > 0);
      const marks = await page.evaluate(() => ({ ...(window as unknown as { __marks: PageMarks }).__marks }));
      onScreen.push(marks.paidAt - clock.offsetMs - sent);
      toEvent.push(eventAt - sent);
      overStream.push(marks.eventAt - clock.offsetMs - eventAt);
      inPage.push(marks.paidAt - marks.eventAt);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Charge', exact: true }).waitFor();
    }
    stop();
    const line = (name: string, values: number[]): string => `  ${name.padEnd(44)} p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}`;
    console.log(`\nnotice → "Paid" on screen, Chromium on browser mode (${samples} sales; page clock offset known to ±${clock.uncertaintyMs.toFixed(2)} ms):`);
    console.log(line('notice sent → Paid in the page (DOM)', onScreen));
    console.log(line('… notice sent → sale-updated in the core', toEvent));
    console.log(line('… sale-updated → event read in the page (SSE)', overStream));
    console.log(line('… event read → Paid in the page (batch, React)', inPage));
    return {
      'notice.paidOnScreenP50Ms': percentile(onScreen, 50),
      'notice.paidOnScreenP95Ms': percentile(onScreen, 95),
      'notice.paidOnScreenSseP95Ms': percentile(overStream, 95),
      'notice.paidOnScreenPageP95Ms': percentile(inPage, 95),
    };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    dir.remove();
  }
}
