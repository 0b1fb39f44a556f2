// The HTTP edge every server and client of the core goes through (electron/pos/net): one bounded
// request-body reader and one bounded fetch, over real HTTP on 127.0.0.1.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedFetch, bodyText } from '../../electron/pos/net/bounded-fetch';
import { CLOSE_AFTER_ANSWER, readRequestBody } from '../../electron/pos/net/request-body';
import { freePort } from '../helpers/ports';

const LIMIT_BYTES = 16;
let servers: Server[] = [];

afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  servers = [];
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server that reads with readRequestBody and answers 200 with the body, or 413 and closes. */
function bodyServer(): Promise<string> {
  return serve((req, res) => {
    void readRequestBody(req, LIMIT_BYTES).then((read) => {
      if (!read.ok) res.writeHead(413, CLOSE_AFTER_ANSWER).end('too large');
      else res.writeHead(200).end(read.body);
    });
  });
}

/** Sends headers and the given chunks, but never ends the body: an answer can only come from the limit. */
function postWithoutEnd(url: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      req.destroy();
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.flushHeaders();
    for (const chunk of chunks) req.write(chunk);
  });
}

describe('the bounded request-body reader', () => {
  it('hands over a body within the limit', async () => {
    const url = await bodyServer();
    const answer = await fetch(url, { method: 'POST', body: 'twelve bytes' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('twelve bytes');
  });

  it('refuses a declared Content-Length over the limit before reading a byte of the body', async () => {
    const url = await bodyServer();
    const answer = await postWithoutEnd(url, { 'content-length': '100000' }, []);
    expect(answer).toEqual({ status: 413, connection: 'close' });
  });

  it('refuses a chunked body as soon as it passes the limit, without waiting for its end', async () => {
    const url = await bodyServer();
    const answer = await postWithoutEnd(url, { 'transfer-encoding': 'chunked' }, ['0123456789', '0123456789']);
    expect(answer).toEqual({ status: 413, connection: 'close' });
  });
});

describe('the bounded fetch', () => {
  it('reads an answer: status, headers and body', async () => {
    const url = await serve((_req, res) => res.writeHead(201, { 'x-kind': 'test' }).end('hello'));
    const outcome = await boundedFetch(url, {}, { timeoutMs: 2000, maxBytes: 64 });
    expect(outcome.kind).toBe('http');
    if (outcome.kind !== 'http') return;
    expect([outcome.status, outcome.headers.get('x-kind'), bodyText(outcome)]).toEqual([201, 'test', 'hello']);
  });

  it('times out on a server that never answers, and on a fetch that ignores its signal', async () => {
    const url = await serve(() => undefined);
    expect(await boundedFetch(url, {}, { timeoutMs: 100, maxBytes: 64 })).toEqual({ kind: 'timeout' });
    const deaf: typeof fetch = () => new Promise<Response>(() => undefined);
    expect(await boundedFetch(url, {}, { fetch: deaf, timeoutMs: 100, maxBytes: 64 })).toEqual({ kind: 'timeout' });
  });

  it('says unreachable, with no connection at all, for a port nobody listens on', async () => {
    const port = await freePort();
    expect(await boundedFetch(`http://127.0.0.1:${port}/`, {}, { timeoutMs: 2000, maxBytes: 64 })).toEqual({ kind: 'unreachable', code: 'ECONNREFUSED', noConnection: true });
  });

  it('says cut when the connection breaks in the middle of the answer', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('half', () => setImmediate(() => res.socket?.destroy()));
    });
    expect(await boundedFetch(url, {}, { timeoutMs: 2000, maxBytes: 1000 })).toMatchObject({ kind: 'cut' });
  });

  it('says too-large for a declared or a streamed answer over the size, with its status', async () => {
    const declared = await serve((_req, res) => res.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100)));
    expect(await boundedFetch(declared, {}, { timeoutMs: 2000, maxBytes: 64 })).toEqual({ kind: 'too-large', status: 200 });
    const streamed = await serve((_req, res) => {
      res.writeHead(502);
      res.write('x'.repeat(50));
      res.end('x'.repeat(50));
    });
    expect(await boundedFetch(streamed, {}, { timeoutMs: 2000, maxBytes: 64 })).toEqual({ kind: 'too-large', status: 502 });
  });
});
