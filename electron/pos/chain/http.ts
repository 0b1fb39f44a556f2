// One GET to a block explorer: timeout, size cap, JSON, schema, and the bounded retry after a
// rate-limit answer. Messages name the explorer and never carry the URL (it may hold an API key).
import type { z } from 'zod';
import { fail, ok, type ErrorCode, type Result } from '../../../shared/result';
import { backoffMs, type RateLimiter } from './rate-limit';

export const EXPLORER_TIMEOUT_MS = 10_000;
/** A page of 200 transfers is well under 1 MB. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const RATE_LIMIT_RETRIES = 3;
export const RATE_LIMIT_BACKOFF_MS = 1_000;
/** TronGrid suspends a caller for 30 s; no single wait is longer than that. */
export const RATE_LIMIT_BACKOFF_CAP_MS = 30_000;

const LATER = 'The counter will look again later; no payment is lost.';

export interface ExplorerHttpOptions {
  /** Name in messages: "TronGrid", "Etherscan". */
  explorer: string;
  fetch: typeof fetch;
  limiter: RateLimiter;
  timeoutMs: number;
  headers?: Record<string, string>;
  retries?: number;
  backoffMs?: number;
  /** Longest single wait after a refusal (tests shorten it). */
  backoffCapMs?: number;
  /** Secrets that must never reach a message even if the explorer echoes them. */
  secrets?: string[];
}

/**
 * What an explorer's "slow down" looks like besides HTTP 429: Etherscan's NOTOK on HTTP 200, TronGrid's
 * 403/503 "exceeds the frequency limit … suspended for 30s". Returns the wait it asks for, if any.
 */
export type RateLimitRecognizer = (status: number, json: unknown, text: string) => false | { retryAfterMs: number | null };

/** Reads one JSON answer and parses it with the schema, waiting out rate-limit refusals a bounded number of times. */
export async function getExplorerJson<T>(
  url: string,
  schema: z.ZodType<T>,
  options: ExplorerHttpOptions,
  rateLimited: RateLimitRecognizer = () => false,
): Promise<Result<T>> {
  const retries = options.retries ?? RATE_LIMIT_RETRIES;
  const base = options.backoffMs ?? RATE_LIMIT_BACKOFF_MS;
  for (let attempt = 0; ; attempt++) {
    const raw = await options.limiter.schedule(() => fetchText(url, options));
    if (!raw.ok) return raw;
    const { status, text, retryAfterMs } = raw.value;
    let json: unknown = undefined;
    let isJson = false;
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      // judged below, after the status
    }
    const refusal = rateLimited(status, json, text) || (status === 429 ? { retryAfterMs: null } : false);
    if (refusal) {
      if (attempt >= retries) {
        return fail(
          'gateway-error',
          `${options.explorer} keeps refusing: too many requests (rate limit). ${LATER} An API key in Settings raises the limit.`,
        );
      }
      const asked = refusal.retryAfterMs ?? retryAfterMs;
      options.limiter.pause(backoffMs(attempt, base, options.backoffCapMs ?? RATE_LIMIT_BACKOFF_CAP_MS, asked));
      continue;
    }
    if (status === 401 || status === 403) {
      return fail('gateway-refused', `${options.explorer} refused the request (HTTP ${status}); check its API key in Settings.`);
    }
    if (status !== 200) return fail('gateway-error', `${options.explorer} answered with an error (HTTP ${status}). ${LATER}`);
    if (!isJson) return fail('gateway-error', `${options.explorer} sent an answer that is not JSON. ${LATER}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return fail('gateway-error', `${options.explorer} sent an answer in an unexpected format. ${LATER}`);
    }
    return ok(parsed.data);
  }
}

/** Removes secrets and control characters from an explorer's own sentence and keeps it short. */
export function explorerSentence(text: string, secrets: readonly string[] = []): string {
  // eslint-disable-next-line no-control-regex
  let clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[API key]');
  clean = clean.replace(/<[^>]*>/g, '').trim();
  return clean.length > 200 ? `${clean.slice(0, 200).trimEnd()}…` : clean;
}

interface RawAnswer {
  status: number;
  text: string;
  retryAfterMs: number | null;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED',
]);

class ExplorerFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function fetchText(url: string, options: ExplorerHttpOptions): Promise<Result<RawAnswer>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = (): Result<RawAnswer> => {
    const seconds = options.timeoutMs % 1000 === 0 ? String(options.timeoutMs / 1000) : (options.timeoutMs / 1000).toFixed(1);
    return fail('gateway-timeout', `${options.explorer} did not answer within ${seconds} s. ${LATER}`);
  };
  // A fetch that ignores its signal must still not hold recovery past the timeout.
  const timedOut = new Promise<Result<RawAnswer>>((resolve) => {
    timer = setTimeout(() => {
      resolve(timeout());
      controller.abort();
    }, options.timeoutMs);
  });
  const exchange = (async (): Promise<Result<RawAnswer>> => {
    try {
      const response = await options.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...options.headers },
        signal: controller.signal,
        // A redirect would carry the API key header elsewhere; explorers answer in place.
        redirect: 'manual',
      });
      const text = await readCapped(response, controller.signal, options.explorer);
      return ok({ status: response.status, text, retryAfterMs: retryAfter(response.headers.get('retry-after')) });
    } catch (error) {
      if (controller.signal.aborted) return timeout();
      if (error instanceof ExplorerFailure) return fail(error.code, error.message);
      const code = causeCode(error);
      const why = UNREACHABLE_CODES.has(code) ? 'no connection' : 'the connection failed';
      return fail('gateway-unreachable', `Could not reach ${options.explorer} (${why}); check the internet connection and its address in Settings. ${LATER}`);
    }
  })();
  try {
    return await Promise.race([exchange, timedOut]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function readCapped(response: Response, signal: AbortSignal, explorer: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const step = await reader.read();
    if (step.done) break;
    total += step.value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ExplorerFailure('gateway-error', `${explorer} sent an oversized answer. ${LATER}`);
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/** undici wraps socket errors as TypeError('fetch failed') with the system error as cause. */
function causeCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}
