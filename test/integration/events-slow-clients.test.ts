// Browser mode's events stream and a client that reads slower than events come, over real HTTP on
// 127.0.0.1: while the socket is full, what waits is coalesced (the latest of each sale, the latest
// status) and bounded; a client whose backlog passes the limit is dropped, and a new connection gets
// what happens next (the page refetches the rest on reconnecting: renderer/events.ts).
import { mkdirSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { PosEvents } from '../../electron/pos/events';
import type { PosEventPayload } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const TOKEN = 'c'.repeat(64);
const LIMIT_BYTES = 256 * 1024;
let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
let events: PosEvents;
let host: BrowserHost;
let sale: Sale;

beforeEach(async () => {
  dir = tempDir();
  mkdirSync(join(dir.path, 'renderer'), { recursive: true });
  core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets() });
  sale = seedSale(core.ledger, { at: '2026-11-26T10:00:00.000Z', status: 'paid' });
  // The real core's handlers; its events come from this emitter, so the test decides their pace.
  events = new PosEvents();
  host = await startBrowserHost({ core: { handlers: core.handlers, on: (event, listener) => events.on(event, listener) }, token: TOKEN, rendererDir: join(dir.path, 'renderer'), port: 0, maxClientBacklogBytes: LIMIT_BYTES });
});

afterEach(async () => {
  await host.close();
  await core.close();
  dir.remove();
});

/** An events stream whose reader stops after the first bytes, until `resume` is called. */
function openStream(): Promise<{ response: IncomingMessage; text: () => string; resume: () => void; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${TOKEN}`, headers: { host: `127.0.0.1:${host.port}` } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      const closed = new Promise<void>((done) => response.once('close', done));
      response.once('data', (chunk: string) => {
        text += chunk;
        response.pause();
        response.on('data', (more: string) => (text += more));
        resolve({ response, text: () => text, resume: () => response.resume(), closed });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const turn = (): Promise<void> => new Promise((done) => setImmediate(done));
const BIG_NOTE = 'n'.repeat(2_000);

/** Emits `count` events in rounds, letting the sockets move between rounds. */
async function emitMany(count: number, make: (i: number) => Sale, until?: () => boolean): Promise<number> {
  let sent = 0;
  while (sent < count && !until?.()) {
    for (let i = 0; i < 200 && sent < count; i++, sent++) events.emit('sale-updated', make(sent));
    await turn();
  }
  return sent;
}

describe('events stream and slow clients', () => {
  it('coalesces what waits for a client that stopped reading: the latest of each sale and the latest status, nothing more', async () => {
    const client = await openStream();
    // Three sales updated many times: the socket fills, then each waits as its latest copy only.
    await emitMany(30_000, (i) => ({ ...sale, id: `sale-${i % 3}`, amountMinor: i }));
    for (let i = 0; i < 1_000; i++) events.emit('status-changed', await statusNow());
    expect(client.response.destroyed).toBe(false);
    client.resume();
    const last = { ...sale, id: 'last' };
    events.emit('sale-updated', last);
    await waitFor(() => client.text().includes('"id":"last"'));
    const amounts = [...client.text().matchAll(/"id":"sale-2"[^\n]*"amountMinor":(\d+)|"amountMinor":(\d+)[^\n]*"id":"sale-2"/g)].map((match) => Number(match[1] ?? match[2]));
    // Far fewer updates than were emitted arrived, and the newest one last.
    expect(amounts.length).toBeLessThan(30_000 / 3);
    expect(amounts[amounts.length - 1]).toBe(29_999);
    expect(client.text().split('event: status-changed').length - 1).toBeLessThan(1_000);
  });

  it('drops a client whose backlog passes the limit, and a new connection gets what comes next', async () => {
    const stalled = await openStream();
    let dropped = false;
    void stalled.closed.then(() => (dropped = true));
    const sent = await emitMany(20_000, (i) => ({ ...sale, id: `sale-${i}`, note: BIG_NOTE }), () => dropped);
    await waitFor(() => dropped);
    expect(sent).toBeLessThan(20_000);
    const fresh = await openStream();
    fresh.resume();
    events.emit('sale-updated', { ...sale, id: 'after-the-drop' });
    await waitFor(() => fresh.text().includes('"id":"after-the-drop"'));
    // Catching up is a read of the API, as the page does when its stream reconnects.
    const status = await fetch(`http://127.0.0.1:${host.port}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);
    fresh.response.destroy();
  });
});

async function statusNow(): Promise<PosEventPayload<'status-changed'>> {
  const result = await core.handlers.getStatus({}, { session: 'test', role: 'counter' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 10));
  }
}
