// Slow-loris clients (issue 5, item 3): a client that dribbles its headers or its body is cut off
// by the listener's header and request timeouts, and the listener keeps serving everyone else.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor } from '../helpers/notices';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';

// Short limits so the test is quick; the app's own are 5 s for headers and 10 s for the request.
const TIMEOUTS = { headersMs: 400, requestMs: 800, checkIntervalMs: 100 };
/** Generous: the client must have been cut off well before this, or the test fails. */
const GIVE_UP_MS = 5_000;

let rig: ListenerRig;
beforeAll(async () => {
  rig = await startListenerRig({ timeouts: TIMEOUTS });
});
afterAll(async () => {
  await rig.close();
});

/** Opens a raw connection and sends `first`, then one byte of `drip` every 50 ms until the server hangs up. */
function dribble(first: string, drip: string): Promise<{ closedByServer: boolean; received: string }> {
  const { port } = rig.listener;
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let index = 0;
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip[index++ % drip.length] as string);
    }, 50);
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      resolve({ closedByServer: false, received });
    }, GIVE_UP_MS);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedByServer: true, received });
    });
    socket.write(first);
  });
}

describe('slow clients', () => {
  it('cuts off a client that never finishes its headers', async () => {
    const result = await dribble(`POST ${rig.listener.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: aaaaaaaaaa\r\n'.repeat(200));
    expect(result.closedByServer).toBe(true);
  });

  it('cuts off a client that never finishes its body', async () => {
    const head = `POST ${rig.listener.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nmitilena-signature: ${RIG_KEY}\r\nContent-Length: 5000\r\n\r\n{"statusObj":`;
    const result = await dribble(head, ' ');
    expect(result.closedByServer).toBe(true);
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps taking genuine notices while slow clients hang on', async () => {
    const [sale] = rig.seedPending(1) as [Sale];
    const slow = Array.from({ length: 20 }, () => dribble(`POST ${rig.listener.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: a\r\n'.repeat(500)));
    const answer = await rawPost(rig.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
    expect(answer.status).toBe(200);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
    expect((await Promise.all(slow)).every((result) => result.closedByServer)).toBe(true);
  });
});
