// How long the customer still has to pay, in the shape a cashier reads at a glance.

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

/** Milliseconds until `expiresAt`, or null when the invoice has no (readable) expiry. */
export function msUntil(expiresAt: string | null, nowMs: number): number | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) ? null : at - nowMs;
}
