// The rules of a charge that need no state: the amount the keypad makes, each attempt's id, and
// which failures mean the counter's answer was lost (the sale may exist) rather than refused.
import { minorToDecimal, parseAmount } from '../shared/money';
import type { PosError } from '../shared/result';

/** The keypad text as an amount the service accepts, or null when nothing chargeable is typed. */
export function chargeableAmount(keypad: string, currency: string): string | null {
  try {
    const parsed = parseAmount(keypad, currency);
    return parsed.ok ? minorToDecimal(parsed.minor, currency) : null;
  } catch {
    return null;
  }
}

/** Each attempt gets its own id: the service answers a repeated id with the first sale, never a second. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http LAN address is not one, getRandomValues is fine.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * 'no-answer': the call may have reached the counter and only its answer was lost, so Retry sends the
 * same request id and picks up the sale if it exists. Anything else ('internal' is a bug) was an
 * answer: Retry is a new attempt.
 */
export function answerWasLost(error: PosError): boolean {
  return error.code === 'no-answer';
}
