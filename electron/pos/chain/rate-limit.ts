// Explorers' free tiers allow a few requests a second and answer bursts with refusals, so every
// reader sends its requests strictly one after another, spaced, and the whole reader pauses after a refusal.
import { setTimeout as delay } from 'node:timers/promises';

/** Etherscan's free tier allows 5 requests/s; 4/s leaves room for clock skew. */
export const ETHERSCAN_MIN_INTERVAL_MS = 250;
/** TronGrid throttles keyless callers hard; 3/s stays under it. */
export const TRONGRID_MIN_INTERVAL_MS = 334;
/** Without a key TronGrid throttles by address, dynamically, with a 30 s block: one a second. */
export const TRONGRID_KEYLESS_MIN_INTERVAL_MS = 1_000;

export interface RateLimiter {
  /** Runs tasks one at a time, each at least minIntervalMs after the previous one ended (and after any pause). */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Holds every later request for this long: the answer to an explorer's "too many requests". */
  pause(ms: number): void;
}

export function createRateLimiter(options: {
  minIntervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let nextStartAt = 0;
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function schedule<T>(task: () => Promise<T>): Promise<T> {
    const turn = queue.then(async () => {
      // A pause may be set while this turn sleeps: wait again until both limits allow a start.
      for (;;) {
        const wait = Math.max(nextStartAt, pausedUntil) - now();
        if (wait <= 0) break;
        await sleep(wait);
      }
      try {
        return await task();
      } finally {
        // Counted from the end of the request: the explorer counts arrivals, and the next request
        // cannot then arrive sooner than minIntervalMs after this one did, whatever the latency.
        nextStartAt = now() + options.minIntervalMs;
      }
    });
    queue = turn.catch(() => undefined);
    return turn;
  }

  function pause(ms: number): void {
    pausedUntil = Math.max(pausedUntil, now() + ms);
  }

  return { schedule, pause };
}

/** Bounded exponential backoff: base, 2×base, 4×base … never above capMs; an explorer's Retry-After wins when larger. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, retryAfterMs: number | null): number {
  const exponential = Math.min(capMs, baseMs * 2 ** attempt);
  return retryAfterMs === null ? exponential : Math.min(capMs, Math.max(exponential, retryAfterMs));
}
