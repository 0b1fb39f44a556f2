// Browser mode's host: PosApi over HTTP (POST /api/<method>) and Server-Sent Events (GET /api/events),
// plus the built UI (static-files.ts) and one-time downloads (download-route.ts). Loopback only, a
// random token per start, the Host header checked against DNS rebinding, a foreign Origin refused,
// and no CORS headers at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { POS_EVENT_NAMES, type PosEventName } from '../../shared/api';
import { dispatch, DISPLAY_REFUSAL, isPosMethod, mayCall, SESSION_ID_PATTERN, type CallContext, type PosCore } from '../pos/dispatch';
import { SESSION_HEADER } from '../../shared/api-names';
import type { DownloadRegistry } from '../pos/owner/types';
import { isLoopbackHost, isLoopbackOrigin } from '../pos/net/loopback';
import { CLOSE_AFTER_ANSWER, readRequestBody, type BodyRead } from '../pos/net/request-body';
import { secretsMatch } from '../pos/net/secret-compare';
import { SECURITY_HEADERS, send } from './answers';
import { serveDownload } from './download-route';
import { EventStream } from './event-stream';
import { serveFile } from './static-files';

export const MAX_API_BODY_BYTES = 64 * 1024;
const SSE_HEARTBEAT_MS = 15_000;
/** What a customer display's event stream carries (issue 12): what it shows, nothing else. */
const DISPLAY_EVENTS: readonly PosEventName[] = ['display-changed'];

type Role = CallContext['role'];

export interface BrowserHost {
  port: number;
  /** The address the socket is really bound to (127.0.0.1). */
  boundAddress: string;
  url: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  core: PosCore;
  token: string;
  /** A customer display's own token (issue 12): it may only watch (getStatus, getDisplay, display-changed). */
  displayToken?: string;
  rendererDir: string;
  port?: number;
  /** One-time downloads (the CSV export): GET /download/<random>, where the random path is the capability. */
  downloads?: DownloadRegistry;
  /** Past this backlog an events client is dropped (it reconnects and catches up); tests set a small one. */
  maxClientBacklogBytes?: number;
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  let read: BodyRead;
  try {
    read = await readRequestBody(request, MAX_API_BODY_BYTES);
  } catch {
    return { ok: false, status: 400, message: 'The request broke off' };
  }
  if (!read.ok) return { ok: false, status: 413, message: 'The request is too large' };
  if (read.body.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(read.body.toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not JSON' };
  }
}

export function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core, token, rendererDir } = options;
  let port = 0;
  const eventStreams = new Set<ServerResponse>();

  /** The role the request's token gives: the cashier's, a display's, or none. */
  function authorised(request: IncomingMessage, url: URL): Role | null {
    const header = request.headers.authorization ?? '';
    // EventSource cannot send headers: the events stream alone takes the token in its query.
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : url.pathname === '/api/events' ? (url.searchParams.get('token') ?? '') : null;
    if (given === null) return null;
    if (secretsMatch(given, token)) return 'counter';
    return options.displayToken && secretsMatch(given, options.displayToken) ? 'display' : null;
  }

  function serveEvents(request: IncomingMessage, response: ServerResponse, role: Role): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    const stream = new EventStream(response, options.maxClientBacklogBytes);
    const unsubscribes = (role === 'display' ? DISPLAY_EVENTS : POS_EVENT_NAMES).map((event) => core.on(event, (payload) => stream.send(event, payload)));
    const heartbeat = setInterval(() => stream.heartbeat(), SSE_HEARTBEAT_MS);
    eventStreams.add(response);
    request.on('close', () => {
      clearInterval(heartbeat);
      for (const unsubscribe of unsubscribes) unsubscribe();
      eventStreams.delete(response);
    });
  }

  /** The tab's own session (its page makes one per tab); a caller without one shares 'browser'. */
  function callContext(request: IncomingMessage, role: Role): CallContext {
    const session = request.headers[SESSION_HEADER];
    return { session: typeof session === 'string' && SESSION_ID_PATTERN.test(session) ? `tab-${session}` : 'browser', role };
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackHost(request.headers.host, port)) return send(response, 421, 'This server only answers to 127.0.0.1');
    if (!isLoopbackOrigin(request.headers.origin, port)) return send(response, 403, 'Requests from other sites are refused');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    // A plain link cannot carry the bearer token: the one-time random path is the capability.
    if (url.pathname.startsWith('/download/')) return serveDownload(request, response, url.pathname, options.downloads);
    if (url.pathname.startsWith('/api/')) {
      const role = authorised(request, url);
      if (!role) return sendJson(response, 401, { ok: false, error: { code: 'unauthorized', message: 'Open the Cashier UI link printed at start (it carries the access token)' } });
      if (url.pathname === '/api/events') {
        if (request.method !== 'GET') return send(response, 405, 'GET only', undefined, { allow: 'GET' });
        return serveEvents(request, response, role);
      }
      const method = url.pathname.slice('/api/'.length);
      // A display's token only watches: anything else is forbidden before the body is even read.
      if (isPosMethod(method) && !mayCall(role, method)) return sendJson(response, 403, { ok: false, error: { code: 'unauthorized', message: DISPLAY_REFUSAL } });
      if (request.method !== 'POST') return send(response, 405, 'POST only', undefined, { allow: 'POST' });
      const type = (request.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') return send(response, 415, 'JSON only');
      const body = await readJson(request);
      if (!body.ok) return sendJson(response, body.status, { ok: false, error: { code: 'invalid-input', message: body.message } }, body.status === 413 ? CLOSE_AFTER_ANSWER : {});
      const result = await dispatch(core, method, body.value, callContext(request, role));
      return sendJson(response, 200, result);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'GET only', undefined, { allow: 'GET' });
    return serveFile(response, rendererDir, url.pathname);
  }

  const server: Server = createServer((request, response) => {
    route(request, response).catch(() => send(response, 500, 'internal error'));
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const bound = server.address() as AddressInfo;
      port = bound.port;
      resolve({
        port,
        boundAddress: bound.address,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            for (const stream of eventStreams) stream.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
