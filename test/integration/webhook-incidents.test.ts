// The listener's log says what happened: a client that goes away before its notice arrived, or one
// cut off by the time limits, is counted and logged as such, never as "could not record a notice";
// a notice that really could not be recorded still is (and hears 500, so the gateway tries again).
import { IncomingMessage } from 'node:http';
import { connect, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_LOG_INTERVAL_MS, ListenerIncidents } from '../../electron/pos/webhook/listener-incidents';
import type { Sale } from '../../shared/sale';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';
import { paidNoticeFor } from '../helpers/notices';

let rig: ListenerRig | null = null;
let lines: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = null;
  lines = [];
});

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a notice's headers and half its body, then drops the connection. */
function abortMidBody(current: ListenerRig, sale: Sale): Promise<void> {
  const body = JSON.stringify(paidNoticeFor(sale, RIG_KEY));
  return new Promise((resolve) => {
    const socket = connect(current.listener.port, '127.0.0.1', () => {
      socket.write(`POST ${current.listener.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nmitilena-signature: ${RIG_KEY}\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body.slice(0, body.length >> 1), () => setTimeout(() => socket.destroy(), 50));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('listener incidents', () => {
  it('logs a client that aborts its body as gone, not as a notice it could not record', async () => {
    rig = await startListenerRig({ log: (line) => lines.push(line) });
    const current = rig;
    const [sale] = current.seedPending(1) as [Sale];
    const before = current.snapshot();
    for (let i = 0; i < 3; i++) await abortMidBody(current, sale);
    await until(() => current.listener.incidents.aborted === 3, 'three aborts counted');
    expect(current.listener.incidents).toEqual({ aborted: 3, timedOut: 0, notRecorded: 0 });
    // One line for the burst (the rest are counted into the next line), none saying a notice was lost.
    expect(lines).toEqual(['webhook: a client went away before its notice arrived (aborted)']);
    expect(current.snapshot()).toBe(before);
    // The sale still takes its genuine notice.
    expect((await rawPost(current.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)))).status).toBe(200);
  });

  it('counts a client cut off by the time limit as a timeout', async () => {
    rig = await startListenerRig({ log: (line) => lines.push(line), timeouts: { headersMs: 300, requestMs: 600, checkIntervalMs: 100 } });
    const current = rig;
    const socket: Socket = connect(current.listener.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write(`POST ${current.listener.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{`);
    const drip = setInterval(() => socket.writable && socket.write(' '), 50);
    try {
      await until(() => current.listener.incidents.timedOut === 1 && received.length > 0, 'the cut-off');
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(current.listener.incidents).toEqual({ aborted: 0, timedOut: 1, notRecorded: 0 });
    expect(lines).toEqual(['webhook: a client was cut off by the time limit before its notice arrived (408)']);
  });

  it('still logs a notice it really could not record, and answers 500', async () => {
    rig = await startListenerRig({ log: (line) => lines.push(line) });
    const [sale] = rig.seedPending(1) as [Sale];
    // The ledger is gone from under the service: recording must fail.
    rig.ledger.close();
    const answer = await rawPost(rig.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
    expect(answer).toEqual({ status: 500, text: 'not recorded, try again' });
    expect(rig.listener.incidents).toEqual({ aborted: 0, timedOut: 0, notRecorded: 1 });
    expect(lines).toEqual([expect.stringMatching(/^webhook: could not record a notice: .*database connection is not open/)]);
  });

  it('says how many were muted when the next line is due', () => {
    let now = 0;
    const logged: string[] = [];
    const incidents = new ListenerIncidents((line) => logged.push(line), () => now);
    const gone = (): string => incidents.requestFailed(new IncomingMessage(new Socket()), Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    expect([gone(), gone(), gone()]).toEqual(['client-gone', 'client-gone', 'client-gone']);
    now += INCIDENT_LOG_INTERVAL_MS;
    gone();
    expect(logged).toEqual(['webhook: a client went away before its notice arrived (aborted)', 'webhook: a client went away before its notice arrived (aborted); 2 more since the last such line']);
    expect(incidents.counts).toEqual({ aborted: 4, timedOut: 0, notRecorded: 0 });
    expect(incidents.requestFailed(new IncomingMessage(new Socket()), new Error('disk I/O error'))).toBe('not-recorded');
    expect(logged.at(-1)).toBe('webhook: could not record a notice: disk I/O error');
  });
});
