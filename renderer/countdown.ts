// The counter's own clock (issue 12): how long the customer has been paying, and the counter's own
// time-out after which it asks "still waiting?". The gateway's expiry (14 days) is shown only when
// it comes sooner.

const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 60 * MINUTE_S;
const DAY_S = 24 * HOUR_S;

const two = (value: number): string => String(value).padStart(2, '0');

/**
 * "13 d 23 h" from a day up, "2 h 05 min" from an hour up, "04:59" below an hour. Seconds round
 * up so the clock never shows 00:00 while the invoice can still be paid.
 */
export function formatTimeLeft(msLeft: number): string {
  const totalSeconds = Math.max(0, Math.ceil(msLeft / SECOND_MS));
  if (totalSeconds >= DAY_S) {
    return `${Math.floor(totalSeconds / DAY_S)} d ${Math.floor((totalSeconds % DAY_S) / HOUR_S)} h`;
  }
  if (totalSeconds >= HOUR_S) {
    return `${Math.floor(totalSeconds / HOUR_S)} h ${two(Math.floor((totalSeconds % HOUR_S) / MINUTE_S))} min`;
  }
  return `${two(Math.floor(totalSeconds / MINUTE_S))}:${two(totalSeconds % MINUTE_S)}`;
}

/** Time elapsed, "02:13" (seconds rounded down: it counts up). */
export function formatElapsed(msElapsed: number): string {
  const totalSeconds = Math.max(0, Math.floor(msElapsed / SECOND_MS));
  if (totalSeconds >= HOUR_S) return `${Math.floor(totalSeconds / HOUR_S)}:${two(Math.floor((totalSeconds % HOUR_S) / MINUTE_S))}:${two(totalSeconds % MINUTE_S)}`;
  return `${two(Math.floor(totalSeconds / MINUTE_S))}:${two(totalSeconds % MINUTE_S)}`;
}

/** Milliseconds until `expiresAt`, or null when the invoice has no (readable) expiry. */
export function msUntil(expiresAt: string | null, nowMs: number): number | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) ? null : at - nowMs;
}

export interface CounterClock {
  elapsedMs: number;
  /** The counter's time-out has passed: ask "still waiting?". */
  askStillWaiting: boolean;
  /** The gateway's expiry, only when it comes before the counter's own time-out; else null. */
  expiresInMs: number | null;
}

/** Where the payment stands on the counter's clock; `deadlineMs` moves when the cashier keeps waiting. */
export function counterClock(sale: { createdAt: string; expiresAt: string | null }, deadlineMs: number, nowMs: number): CounterClock {
  const started = Date.parse(sale.createdAt);
  const expiresIn = msUntil(sale.expiresAt, nowMs);
  return {
    elapsedMs: Number.isNaN(started) ? 0 : nowMs - started,
    askStillWaiting: nowMs >= deadlineMs,
    expiresInMs: expiresIn !== null && nowMs + expiresIn < deadlineMs ? expiresIn : null,
  };
}
