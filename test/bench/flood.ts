// A flood of forged notices against the webhook listener on loopback, with genuine notices sent
// during it: requests/s, latency p99, and how long each genuine notice took to be committed.
import autocannon from 'autocannon';
import type { Sale } from '../../shared/sale';
import { RIG_KEY, rawPost, startListenerRig } from '../helpers/listener-rig';
import { paidNoticeFor } from '../helpers/notices';
import { median, ms } from './stats';

export async function benchFlood(forged = 60_000, genuine = 5): Promise<void> {
  const rig = await startListenerRig();
  try {
    const sales = rig.seedPending(genuine + 1);
    const target = sales[genuine] as Sale;
    const flood = autocannon({
      url: rig.listener.localUrl,
      method: 'POST',
      connections: 64,
      amount: forged,
      headers: { 'content-type': 'application/json', 'mitilena-signature': 'not-the-key' },
      body: JSON.stringify(paidNoticeFor(target, 'not-the-key')),
    });
    const commitMs: number[] = [];
    for (const sale of sales.slice(0, genuine)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const committed = new Promise<number>((resolve) => {
        const stop = rig.events.on('sale-updated', (updated) => {
          if (updated.id === sale.id && updated.status === 'paid') {
            stop();
            resolve(performance.now());
          }
        });
      });
      const sent = performance.now();
      const answer = await rawPost(rig.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
      if (answer.status !== 200) throw new Error(`a genuine notice got ${answer.status} during the flood`);
      commitMs.push((await committed) - sent);
    }
    const result = await flood;
    console.log(`\nflood of forged notices (${result.requests.total} requests, 64 connections, loopback):`);
    console.log(`  ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, 4xx ${result['4xx']}`);
    console.log(`  genuine notices sent during the flood: committed in median ${ms(median(commitMs))}, max ${ms(Math.max(...commitMs))} (${commitMs.length} sent)`);
  } finally {
    await rig.close();
  }
}
