// A flood of forged notices (issue 5, item 3): the listener keeps answering, and a genuine notice
// sent in the middle of it is committed. Figures are printed, never asserted.
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor } from '../helpers/notices';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';

export const FORGED_NOTICES = Number(process.env.FLOOD_NOTICES ?? 20_000);

let rig: ListenerRig;
beforeAll(async () => {
  rig = await startListenerRig();
});
afterAll(async () => {
  await rig.close();
});

describe('a flood of forged notices', () => {
  it(`keeps answering ${FORGED_NOTICES} forged notices and commits a genuine one sent during the flood`, async () => {
    const [sale, target] = rig.seedPending(2) as [Sale, Sale];
    const forged = JSON.stringify(paidNoticeFor(target, 'not-the-key'));
    let answered = 0;
    let finish: (outcome: { error: unknown; result: autocannon.Result }) => void = () => undefined;
    const finished = new Promise<{ error: unknown; result: autocannon.Result }>((resolve) => (finish = resolve));
    const flood = autocannon(
      {
        url: rig.listener.localUrl,
        method: 'POST',
        connections: 32,
        pipelining: 1,
        amount: FORGED_NOTICES,
        headers: { 'content-type': 'application/json', 'mitilena-signature': 'not-the-key' },
        body: forged,
      },
      (error, result) => finish({ error, result }),
    );
    flood.on('response', () => {
      answered += 1;
    });
    // Mid-flood: once the listener has answered a thousand forged notices (of the many still to come), the real one arrives.
    await vi.waitFor(() => expect(answered).toBeGreaterThanOrEqual(1_000), { timeout: 60_000, interval: 5 });
    let answeredAtCommit = -1;
    const committed = new Promise<number>((resolve) => {
      rig.events.on('sale-updated', (updated) => {
        if (updated.id !== sale.id || updated.status !== 'paid') return;
        answeredAtCommit = answered;
        resolve(performance.now());
      });
    });
    const sent = performance.now();
    const genuine = await rawPost(rig.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
    const committedAt = await committed;
    const { error, result } = await finished;
    expect(error).toBeFalsy();

    expect(genuine.status).toBe(200);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
    expect(rig.ledger.getSale(target.id)?.status).toBe('pending');
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result['4xx']).toBeGreaterThanOrEqual(FORGED_NOTICES);
    expect(result['2xx']).toBe(0);
    // Committed while the flood was still going: forged notices were answered after it, not only before.
    expect(answeredAtCommit).toBeGreaterThanOrEqual(1_000);
    expect(answeredAtCommit).toBeLessThan(answered);
    expect(answered).toBeGreaterThanOrEqual(FORGED_NOTICES);
    console.log(
      `flood: ${result.requests.total} forged notices, ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms; ` +
        `genuine notice committed ${(committedAt - sent).toFixed(1)} ms after it was sent`,
    );
  }, 120_000);
});
