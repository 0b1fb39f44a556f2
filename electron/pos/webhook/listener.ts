// The only server the tunnel exposes: POST /mitilena/webhook/<install token>, JSON, at most 64 KiB.
// Everything else gets a short 4xx and touches nothing. It binds to 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER } from '../../../shared/mitilena';
import type { NoticeAnswer } from './record-notice';
import { ListenerIncidents, type IncidentCounts } from './listener-incidents';
import { CLOSE_AFTER_ANSWER, readRequestBody } from '../net/request-body';
import { secretsMatch } from '../net/secret-compare';

export const WEBHOOK_PATH_PREFIX = '/mitilena/webhook/';
export const MAX_NOTICE_BYTES = 64 * 1024;
/** Slow clients are cut off: the whole request must arrive within these limits. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node looks for requests past those limits (its default, 30 s, would let a slow client linger). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export interface ListenerTimeouts {
  headersMs: number;
  requestMs: number;
  checkIntervalMs: number;
}
/** The reachability self-check's header: a one-time nonce the app sends itself through its public URL. */
export const PROBE_HEADER = 'x-counter-probe';
/** A probe not answered within this is forgotten (a check gives up long before). */
export const PROBE_TTL_MS = 60_000;
/** At most this many probes wait at once, so a stuck check cannot grow the table. */
const MAX_ARMED_PROBES = 16;

/** A probe armed for one request: the nonce goes out in the header, the answer must come back. */
export interface ArmedProbe {
  nonce: string;
  /** What this listener answers for the nonce; another server cannot know it. */
  expected: string;
}

export interface NoticeReceiver {
  /** `text` is the body as sent (UTF-8); the receiver parses it, so a number keeps its written digits. */
  receiveNotice(signature: string | undefined, text: string): NoticeAnswer;
}

export interface WebhookListener {
  port: number;
  /** The address the socket is really bound to (127.0.0.1). */
  boundAddress: string;
  /** http://127.0.0.1:<port>/mitilena/webhook/<token> */
  localUrl: string;
  path: string;
  /** Arms a one-time reachability probe (see PROBE_HEADER); it never touches the ledger. */
  armProbe(): ArmedProbe;
  /** Requests it could not finish, by what happened (live counts). */
  incidents: IncidentCounts;
  /** From now on notices go to `receiver`; until then they hear 503 "starting" (the listener is up first, at start). */
  deliverTo(receiver: NoticeReceiver): void;
  close(): Promise<void>;
}

export interface ListenerOptions {
  token: string;
  /** Who records notices; may be given later with deliverTo. */
  receiver?: NoticeReceiver;
  port?: number;
  /** Tests shorten these; the app uses the constants above. */
  timeouts?: Partial<ListenerTimeouts>;
  log?: (line: string) => void;
}

function answer(response: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  response.end(text);
}

// Not fatal: a stray byte in an echo field must not cost a payment; the notice rules judge what it says.
const utf8 = new TextDecoder('utf-8');

/** Nonce → expected answer and when it lapses. A nonce works once; an unknown one is an ordinary request. */
class ProbeTable {
  private readonly armed = new Map<string, { expected: string; until: number }>();

  arm(): ArmedProbe {
    const now = Date.now();
    for (const [nonce, entry] of this.armed) if (entry.until <= now) this.armed.delete(nonce);
    while (this.armed.size >= MAX_ARMED_PROBES) {
      const oldest = this.armed.keys().next().value;
      if (oldest === undefined) break;
      this.armed.delete(oldest);
    }
    const probe = { nonce: randomBytes(24).toString('hex'), expected: randomBytes(24).toString('hex') };
    this.armed.set(probe.nonce, { expected: probe.expected, until: now + PROBE_TTL_MS });
    return probe;
  }

  take(nonce: string): string | null {
    const entry = this.armed.get(nonce);
    if (!entry) return null;
    this.armed.delete(nonce);
    return entry.until > Date.now() ? entry.expected : null;
  }
}

/**
 * Whether a request target is this listener's webhook path. Proxies add a trailing slash or a query
 * string, so the path may end in one slash and carry any query; nothing else about it is loosened.
 */
export function isWebhookTarget(target: string, token: string): boolean {
  const query = target.indexOf('?');
  const path = query >= 0 ? target.slice(0, query) : target;
  if (!path.startsWith(WEBHOOK_PATH_PREFIX)) return false;
  const rest = path.slice(WEBHOOK_PATH_PREFIX.length);
  return secretsMatch(rest.endsWith('/') ? rest.slice(0, -1) : rest, token);
}

/** The receiver in force; empty for a moment at start. */
interface ReceiverSlot {
  current: NoticeReceiver | null;
}

/** Up before the service for a moment at start: a notice then hears "try again", not "refused". */
const STARTING: NoticeAnswer = { status: 503, text: 'starting, try again shortly', changed: null };

async function handle(request: IncomingMessage, response: ServerResponse, token: string, receiver: ReceiverSlot, probes: ProbeTable): Promise<void> {
  if (!isWebhookTarget(request.url ?? '', token)) return answer(response, 404, 'not found');
  if (request.method !== 'POST') return answer(response, 405, 'only POST', { allow: 'POST' });
  const probe = request.headers[PROBE_HEADER];
  const expected = typeof probe === 'string' ? probes.take(probe) : null;
  if (expected !== null) {
    // The app's own request came back through the public URL: answer it and touch nothing else.
    request.resume();
    return answer(response, 200, expected);
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return answer(response, 415, 'JSON only');
  const read = await readRequestBody(request, MAX_NOTICE_BYTES);
  if (!read.ok) return answer(response, 413, 'too large', CLOSE_AFTER_ANSWER);
  const text = utf8.decode(read.body);
  const signature = request.headers[SIGNATURE_HEADER];
  const result = receiver.current?.receiveNotice(typeof signature === 'string' ? signature : undefined, text) ?? STARTING;
  answer(response, result.status, result.text, result.status === 503 ? { 'retry-after': '5' } : {});
}

export function startWebhookListener(options: ListenerOptions): Promise<WebhookListener> {
  const probes = new ProbeTable();
  const receiver: ReceiverSlot = { current: options.receiver ?? null };
  const timeouts: ListenerTimeouts = {
    headersMs: HEADERS_TIMEOUT_MS,
    requestMs: REQUEST_TIMEOUT_MS,
    checkIntervalMs: TIMEOUT_CHECK_INTERVAL_MS,
    ...options.timeouts,
  };
  const serverOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  };
  const incidents = new ListenerIncidents(options.log);
  const server: Server = createServer(serverOptions, (request, response) => {
    handle(request, response, options.token, receiver, probes).catch((error: unknown) => {
      // A client that went away (or was cut off) has nobody to answer; it is logged as such.
      if (incidents.requestFailed(request, error) === 'client-gone') return;
      // The notice was not recorded: a non-200 tells the gateway to try again.
      answer(response, 500, 'not recorded, try again');
    });
  });
  server.maxHeadersCount = 64;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A client past the header or request limit (a slow-loris) hears 408; malformed HTTP, 400.
    const status = incidents.clientError(error, socket) ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const { port, address } = server.address() as AddressInfo;
      const path = `${WEBHOOK_PATH_PREFIX}${options.token}`;
      resolve({
        port,
        boundAddress: address,
        path,
        localUrl: `http://127.0.0.1:${port}${path}`,
        armProbe: () => probes.arm(),
        deliverTo: (next) => {
          receiver.current = next;
        },
        incidents: incidents.counts,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
