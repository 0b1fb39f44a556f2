// Browser mode's HTTP host over real HTTP: the token, DNS-rebinding and Origin guards, no CORS,
// PosApi dispatch with schema errors, and Server-Sent Events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const TOKEN = 'a'.repeat(64);
let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
let host: BrowserHost;

beforeEach(async () => {
  dir = tempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>counter</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.txt'), 'outside');
  core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets() });
  // The trailing slash is how serve.ts names the folder; it must not change what is served.
  host = await startBrowserHost({ core, token: TOKEN, rendererDir: `${rendererDir}/`, port: 0 });
});

afterEach(async () => {
  await host.close();
  await core.close();
  dir.remove();
});

/** A raw request, so tests can set Host and Origin as an attacker's browser would. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const api = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  raw('POST', `/api/${method}`, { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, JSON.stringify(args));

describe('browser-mode host', () => {
  it("calls the core with the tab's own session from its header, and a shared one without a valid header", async () => {
    const seen: unknown[] = [];
    const watched = await startBrowserHost({
      core: { ...core, handlers: { ...core.handlers, getStatus: (args, context) => (seen.push(context), core.handlers.getStatus(args, context)) } },
      token: TOKEN,
      rendererDir: join(dir.path, 'renderer'),
      port: 0,
    });
    const call = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${watched.port}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: '{}' });
    try {
      expect((await call({ 'x-counter-session': 'tab0123456789abcdef' })).status).toBe(200);
      await call({ 'x-counter-session': 'short' });
      await call({ 'x-counter-session': 'has spaces in it, not an id' });
      await call({});
    } finally {
      await watched.close();
    }
    expect(seen).toEqual([
      { session: 'tab-tab0123456789abcdef', role: 'counter' },
      { session: 'browser', role: 'counter' },
      { session: 'browser', role: 'counter' },
      { session: 'browser', role: 'counter' },
    ]);
  });

  it('serves the UI with a strict CSP and no CORS headers', async () => {
    const page = await raw('GET', '/', { host: `127.0.0.1:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>counter</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const asset = await raw('GET', '/assets/app.js', { host: `localhost:${host.port}` });
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('does not serve files outside the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A']) {
      const response = await raw('GET', path, { host: `127.0.0.1:${host.port}` });
      expect(response.text).not.toContain('outside');
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('answers PosApi calls with a Result', async () => {
    const status = await api('getStatus', {});
    expect(status.status).toBe(200);
    const body = JSON.parse(status.text) as { ok: boolean; value: { mode: string; currency: string } };
    expect(body.ok).toBe(true);
    expect(body.value.mode).toBe('sandbox');
    expect(body.value.currency).toBe('EUR');
    expect(status.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses calls without the token, or with a wrong one, with 401', async () => {
    expect((await api('getStatus', {}, { authorization: '' })).status).toBe(401);
    expect((await api('getStatus', {}, { authorization: `Bearer ${'b'.repeat(64)}` })).status).toBe(401);
    expect((await raw('GET', '/api/events', { host: `127.0.0.1:${host.port}` })).status).toBe(401);
    // The query-string token is for the events stream only (EventSource cannot send headers).
    expect((await raw('POST', `/api/startSale?token=${TOKEN}`, { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' }, JSON.stringify({ amount: '5' }))).status).toBe(401);
    expect(core.ledger.listSales({})).toHaveLength(0);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await api('getStatus', {}, { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('getStatus', {}, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await api('startSale', { amount: '5' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('startSale', { amount: '5' }, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect(core.ledger.listSales({})).toHaveLength(1);
  });

  it('gives bad input a clear error and changes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['startSale', { amount: 12.5 }, 'invalid-input'],
      ['startSale', { amount: '1.234' }, 'invalid-input'],
      ['startSale', { amount: '5', extra: true }, 'invalid-input'],
      ['cancelSale', { saleId: "x' OR 1=1" }, 'invalid-input'],
      ['deleteEverything', {}, 'not-found'],
      ['__proto__', {}, 'not-found'],
    ];
    for (const [method, args, code] of cases) {
      const body = JSON.parse((await api(method, args)).text) as { ok: boolean; error: { code: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    expect((await raw('POST', '/api/getStatus', { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, '{oops')).status).toBe(400);
    expect((await raw('POST', '/api/startSale', { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, JSON.stringify({ amount: '1', note: 'x'.repeat(70_000) }))).status).toBe(413);
    expect(core.ledger.listSales({})).toHaveLength(0);
  });

  it('streams sale-updated events to an authorised subscriber', async () => {
    const received: string[] = [];
    const stream = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${TOKEN}`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const started = await api('startSale', { amount: '3.00' });
    const saleId = (JSON.parse(started.text) as { value: { id: string } }).value.id;
    while (!received.join('').includes('"status":"pending"')) {
      const { value, done } = await reader.read();
      if (done) break;
      received.push(decoder.decode(value));
    }
    await reader.cancel();
    const text = received.join('');
    expect(text).toContain('event: sale-updated');
    expect(text).toContain(saleId);
  });

  it('binds its socket to 127.0.0.1 only', () => {
    expect(host.boundAddress).toBe('127.0.0.1');
    expect(core.webhookBoundAddress).toBe('127.0.0.1');
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });
});
