// A soak of browser mode with the cashier page open in real Chromium: SOAK_SALES sales (default
// 20,000, the first 2,000 to warm up) started and paid at SOAK_RATE a second (default 50), and the
// core's RSS at the start, after the warm-up and at the end (this process: the core, its HTTP host and
// playwright's small client; measured after a full GC).
import { dirname, join } from 'node:path';
import { startBrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore } from '../../electron/pos/core';
import { launchChromium } from '../helpers/chromium';
import { paidNoticeFor, postNoticeBody } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';
import type { Figures } from './figures';

const TOKEN = 's'.repeat(64);
const TICK_MS = 100;
const WARM_UP_SALES = 2_000;

/** RSS and the JS heap in use, after a full GC: what grows outside the heap is native (SQLite's page cache, malloc). */
function memoryMb(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

export async function benchSoak(sales = Number(process.env.SOAK_SALES ?? 20_000), perSecond = Number(process.env.SOAK_RATE ?? 50)): Promise<Figures> {
  const dir = tempDir('mitilena-bench-soak-');
  const core = await startCore({ dataDir: dir.path, currency: 'EUR', secrets: memorySecrets(), log: () => undefined });
  const host = await startBrowserHost({ core, token: TOKEN, rendererDir: join(dirname(process.argv[1] as string), 'renderer'), port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${host.url}#token=${TOKEN}`);
    await page.waitForLoadState('networkidle');
    const key = core.ledger.getMeta('sandbox_key') as string;
    const before = memoryMb();
    // Sales at a steady pace: each tick starts the sales due, at most two ticks' worth, so a machine
    // that cannot keep up sells slower instead of firing thousands at once.
    const perTick = Math.max(1, Math.ceil((perSecond * TICK_MS) / 1000) * 2);
    let made = 0;
    let peak = before.rss;
    const sellUntil = async (until: number): Promise<void> => {
      const started = performance.now();
      const first = made;
      while (made < until) {
        const due = Math.min(until, first + Math.floor(((performance.now() - started) / 1000) * perSecond) + 1, made + perTick);
        const paying: Promise<number>[] = [];
        for (; made < due; made++) {
          const sale = await core.handlers.startSale({ amount: `${1 + (made % 90)}.50` });
          if (!sale.ok) throw new Error(sale.error.message);
          paying.push(postNoticeBody(core.webhookLocalUrl, JSON.stringify(paidNoticeFor(sale.value, key, { blockchainHash: made.toString(16).padStart(64, '0') })), key));
        }
        await Promise.all(paying);
        if (made % 2_000 < perTick) peak = Math.max(peak, process.memoryUsage.rss() / 2 ** 20);
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
    };
    // The first sales warm the core up once (JIT code, V8's heap pages, SQLite's page cache filling
    // to its 16 MB bound): what must stay flat is what comes after.
    const warmUp = Math.min(WARM_UP_SALES, Math.floor(sales / 5));
    await sellUntil(warmUp);
    const warm = memoryMb();
    const started = performance.now();
    await sellUntil(sales);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = memoryMb();
    await page.close();
    const closed = memoryMb();
    console.log(`\nsoak: ${sales.toLocaleString('en-US')} sales (${warmUp.toLocaleString('en-US')} of them to warm up) at ${((sales - warmUp) / seconds).toFixed(0)}/s with the cashier page open (Chromium)`);
    console.log(`  core RSS ${before.rss.toFixed(0)} at the start, ${warm.rss.toFixed(0)} after the warm-up → ${after.rss.toFixed(0)} MB (peak ${peak.toFixed(0)} MB), ${closed.rss.toFixed(0)} MB after the page closed`);
    console.log(`  JS heap in use ${before.heap.toFixed(1)}, ${warm.heap.toFixed(1)} → ${after.heap.toFixed(1)} MB, ${closed.heap.toFixed(1)} MB after the page closed`);
    return {
      'soak.rssBeforeMb': warm.rss,
      'soak.rssAfterMb': after.rss,
      'soak.rssGrowthMb': after.rss - warm.rss,
      'soak.rssGrowthFromStartMb': after.rss - before.rss,
      'soak.heapGrowthMb': after.heap - warm.heap,
    };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    dir.remove();
  }
}
