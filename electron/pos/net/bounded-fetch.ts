// The one way the core asks another server something (the gateway, a block explorer, its own public
// URL): a deadline that holds even when `fetch` ignores its signal, an answer read only up to a size,
// and every failure told apart as a value, so each caller can turn it into its own sentence:
//   timeout      no whole answer within the deadline
//   unreachable  the request never got through (no route, refused, DNS, TLS …)
//   cut          the connection broke after the request went out, or while the answer came
//   too-large    the answer is larger than the caller will read
//   http         an answer: status, headers and the body's bytes
import { causeCode } from './cause';

export interface HttpAnswer {
  kind: 'http';
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export type FetchOutcome =
  | HttpAnswer
  | { kind: 'timeout' }
  | { kind: 'unreachable'; code: string; /** The code is one that means "no connection at all" (else: unknown). */ noConnection: boolean }
  | { kind: 'cut'; code: string }
  | { kind: 'too-large'; status: number };

export interface BoundedFetchOptions {
  fetch?: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  /** Stops the request early (the caller is closing); reported as unreachable, code "aborted". */
  signal?: AbortSignal;
  /**
   * After the deadline, leave the request open this much longer and hand an answer that arrives
   * meanwhile to `onLate` (a gateway that created an invoice just too late). Default: cut at once.
   */
  lateGraceMs?: number;
  onLate?: (answer: HttpAnswer) => void;
}

/** Socket errors that mean the request never reached the server. */
const NO_CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** Socket errors that mean the connection was cut after the request went out. */
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

class TooLarge extends Error {
  constructor(readonly status: number) {
    super('too large');
  }
}
class CutWhileReading extends Error {
  constructor(readonly code: string) {
    super('cut');
  }
}

async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge(response.status);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (error) {
      throw signal.aborted ? signal.reason : new CutWhileReading(causeCode(error));
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(response.status);
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown, timedOut: boolean, external: AbortSignal | undefined): FetchOutcome {
  if (timedOut) return { kind: 'timeout' };
  if (external?.aborted) return { kind: 'unreachable', code: 'aborted', noConnection: false };
  if (error instanceof TooLarge) return { kind: 'too-large', status: error.status };
  if (error instanceof CutWhileReading) return { kind: 'cut', code: error.code };
  const code = causeCode(error);
  if (CUT_CODES.has(code)) return { kind: 'cut', code };
  return { kind: 'unreachable', code, noConnection: NO_CONNECTION_CODES.has(code) };
}

/** Sends one request and reads its answer within the deadline and the size; never throws. */
export async function boundedFetch(url: string, init: RequestInit, options: BoundedFetchOptions): Promise<FetchOutcome> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  let gaveUp = false;
  const exchange = (async (): Promise<FetchOutcome> => {
    try {
      const response = await fetchFn(url, { ...init, signal: controller.signal });
      const answer: HttpAnswer = { kind: 'http', status: response.status, headers: response.headers, body: await readBody(response, options.maxBytes, controller.signal) };
      if (gaveUp) options.onLate?.(answer);
      return answer;
    } catch (error) {
      return describe(error, gaveUp || (controller.signal.aborted && !options.signal?.aborted), options.signal);
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A fetch that ignores its signal must still not hold the caller past the deadline.
  const deadline = new Promise<FetchOutcome>((resolve) => {
    timer = setTimeout(() => {
      // Set here, not after the race: an answer in the very next instant is then a late one.
      gaveUp = true;
      resolve({ kind: 'timeout' });
    }, options.timeoutMs);
  });
  const outcome = await Promise.race([exchange, deadline]);
  clearTimeout(timer);
  if (!gaveUp || !options.lateGraceMs) {
    stop();
    options.signal?.removeEventListener('abort', stop);
    return outcome;
  }
  // Given up: the answer may still come; listen a while longer, then cut the request.
  const grace = setTimeout(stop, options.lateGraceMs);
  grace.unref?.();
  void exchange.finally(() => {
    clearTimeout(grace);
    options.signal?.removeEventListener('abort', stop);
  });
  return outcome;
}

/** The answer's body as text (UTF-8, a stray byte replaced rather than refused). */
export function bodyText(answer: HttpAnswer): string {
  return new TextDecoder('utf-8').decode(answer.body);
}
