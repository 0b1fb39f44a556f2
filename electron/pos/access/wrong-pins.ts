// Wrong PINs slow the next try down: the first five cost nothing, then each one doubles the wait
// before the door listens again (1 s, 2 s, 4 s … at most 15 minutes). One limiter per door (the
// owner's unlock, the cashiers' sign-in) for the whole counter, so opening another tab does not help.

export const FREE_WRONG_PINS = 5;
export const FIRST_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** How long the door stays shut after `failures` wrong PINs in a row. */
export function waitAfter(failures: number): number {
  if (failures < FREE_WRONG_PINS) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(30, failures - FREE_WRONG_PINS));
}

export class WrongPinLimiter {
  private failures = 0;
  private lastFailureMs = 0;

  /** Milliseconds until a PIN is listened to again; 0 when it is now. */
  waitMs(nowMs: number): number {
    return Math.max(0, this.lastFailureMs + waitAfter(this.failures) - nowMs);
  }

  failed(nowMs: number): void {
    this.failures += 1;
    this.lastFailureMs = nowMs;
  }

  succeeded(): void {
    this.failures = 0;
  }
}

/** "Too many wrong PINs. Try again in 8 seconds." */
export function waitSentence(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  if (seconds < 120) return `Too many wrong PINs. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return `Too many wrong PINs. Try again in ${Math.ceil(seconds / 60)} minutes.`;
}
