// One GET to a block explorer: timeout, size cap, JSON, schema, and the bounded retry after a
// rate-limit answer. Messages name the explorer and never carry the URL (it may hold an API key).
import type { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/result';
import { bodyText, boundedFetch } from '../net/bounded-fetch';
import { outsideWords } from '../net/outside-words';
import { formatSeconds } from '../net/seconds';
import { backoffMs, createRateLimiter, type RateLimiter } from './rate-limit';

export const EXPLORER_TIMEOUT_MS = 10_000;
/** An explorer's own sentence is shown up to this long. */
const MAX_EXPLORER_WORDS = 200;
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

/** What every reader is built with: where, which key, and how fast and how patiently it may ask. */
export interface ExplorerReaderOptions {
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  minIntervalMs?: number;
  /** Share one limiter between readers that spend the same API key (Etherscan v2 for ERC20 and BEP20). */
  limiter?: RateLimiter;
  rateLimitRetries?: number;
  rateLimitBackoffMs?: number;
  /** Longest single wait after a refusal; default 30 s. */
  rateLimitBackoffCapMs?: number;
}

/** A reader's options as the HTTP layer takes them; the API key is kept out of every message. */
export function explorerHttp(options: ExplorerReaderOptions, explorer: string, defaultIntervalMs: number, headers: Record<string, string> = {}): ExplorerHttpOptions {
  return {
    explorer,
    fetch: options.fetch ?? globalThis.fetch,
    limiter: options.limiter ?? createRateLimiter({ minIntervalMs: options.minIntervalMs ?? defaultIntervalMs }),
    timeoutMs: options.timeoutMs ?? EXPLORER_TIMEOUT_MS,
    headers,
    secrets: options.apiKey ? [options.apiKey] : [],
    ...(options.rateLimitRetries === undefined ? {} : { retries: options.rateLimitRetries }),
    ...(options.rateLimitBackoffMs === undefined ? {} : { backoffMs: options.rateLimitBackoffMs }),
    ...(options.rateLimitBackoffCapMs === undefined ? {} : { backoffCapMs: options.rateLimitBackoffCapMs }),
  };
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
          'explorer-error',
          `${options.explorer} keeps refusing: too many requests (rate limit). ${LATER} An API key in Settings raises the limit.`,
        );
      }
      const asked = refusal.retryAfterMs ?? retryAfterMs;
      options.limiter.pause(backoffMs(attempt, base, options.backoffCapMs ?? RATE_LIMIT_BACKOFF_CAP_MS, asked));
      continue;
    }
    if (status === 401 || status === 403) {
      return fail('explorer-refused', `${options.explorer} refused the request (HTTP ${status}); check its API key in Settings.`);
    }
    if (status !== 200) return fail('explorer-error', `${options.explorer} answered with an error (HTTP ${status}). ${LATER}`);
    if (!isJson) return fail('explorer-error', `${options.explorer} sent an answer that is not JSON. ${LATER}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return fail('explorer-error', `${options.explorer} sent an answer in an unexpected format. ${LATER}`);
    }
    return ok(parsed.data);
  }
}

/** An explorer's own sentence, fit to show: short, no markup, no trace of its key. */
export function explorerSentence(text: string, secrets: readonly string[] = []): string {
  return outsideWords(text, secrets, MAX_EXPLORER_WORDS) ?? '';
}

interface RawAnswer {
  status: number;
  text: string;
  retryAfterMs: number | null;
}

async function fetchText(url: string, options: ExplorerHttpOptions): Promise<Result<RawAnswer>> {
  const outcome = await boundedFetch(
    url,
    {
      method: 'GET',
      headers: { accept: 'application/json', ...options.headers },
      // A redirect would carry the API key header elsewhere; explorers answer in place.
      redirect: 'manual',
    },
    { fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: MAX_RESPONSE_BYTES },
  );
  const { explorer } = options;
  switch (outcome.kind) {
    case 'http':
      return ok({ status: outcome.status, text: bodyText(outcome), retryAfterMs: retryAfter(outcome.headers.get('retry-after')) });
    case 'timeout':
      return fail('explorer-unreachable', `${explorer} did not answer within ${formatSeconds(options.timeoutMs)} s. ${LATER}`);
    case 'too-large':
      return fail('explorer-error', `${explorer} sent an oversized answer. ${LATER}`);
    case 'cut':
      return fail('explorer-unreachable', `The connection to ${explorer} broke before its answer arrived; check the internet connection. ${LATER}`);
    case 'unreachable': {
      const why = outcome.noConnection ? 'no connection' : 'the connection failed';
      return fail('explorer-unreachable', `Could not reach ${explorer} (${why}); check the internet connection and its address in Settings. ${LATER}`);
    }
  }
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}
