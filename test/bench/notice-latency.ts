// Notice received → committed → sale-updated delivered, on loopback with the real core and a real
// SQLite file (synchronous=FULL, so every commit waits for the disk).
import { startCore } from '../../electron/pos/core';
import { paidNoticeFor, postNoticeBody } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';
import type { Figures } from './figures';
import { ms, percentile } from './stats';

export async function benchNoticeLatency(sales = 300): Promise<Figures> {
  const dir = tempDir('mitilena-bench-');
  const core = await startCore({ dataDir: dir.path, currency: 'EUR', secrets: memorySecrets() });
  try {
    const key = core.ledger.getMeta('sandbox_key') as string;
    const endToEnd: number[] = [];
    const inProcess: number[] = [];
    for (let i = 0; i < sales; i++) {
      const started = await core.handlers.startSale({ amount: `${1 + (i % 50)}.00` });
      if (!started.ok) throw new Error(started.error.message);
      const body = JSON.stringify(paidNoticeFor(started.value, key, { blockchainHash: i.toString(16).padStart(64, '0') }));
      let receivedAt = 0;
      const delivered = new Promise<number>((resolve) => {
        const unsubscribe = core.on('sale-updated', (sale) => {
          if (sale.id === started.value.id && sale.status === 'paid') {
            unsubscribe();
            resolve(performance.now());
          }
        });
      });
      // Time inside the process: from the listener's receipt of the request to the event.
      const original = core.service.receiveNotice.bind(core.service);
      core.service.receiveNotice = (signature, notice) => {
        receivedAt = performance.now();
        return original(signature, notice);
      };
      const sent = performance.now();
      const status = await postNoticeBody(core.webhookLocalUrl, body, key);
      const deliveredAt = await delivered;
      core.service.receiveNotice = original;
      if (status !== 200) throw new Error(`notice answered ${status}`);
      endToEnd.push(deliveredAt - sent);
      inProcess.push(deliveredAt - receivedAt);
    }
    console.log(`notice → committed → sale-updated (${sales} notices, synchronous=FULL):`);
    console.log(`  in process  p50 ${ms(percentile(inProcess, 50))}  p99 ${ms(percentile(inProcess, 99))}  max ${ms(Math.max(...inProcess))}`);
    console.log(`  with HTTP   p50 ${ms(percentile(endToEnd, 50))}  p99 ${ms(percentile(endToEnd, 99))}  max ${ms(Math.max(...endToEnd))}`);
    return { 'notice.p99Ms': percentile(inProcess, 99), 'notice.httpP99Ms': percentile(endToEnd, 99) };
  } finally {
    await core.close();
    dir.remove();
  }
}
