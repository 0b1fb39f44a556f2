// Results cross process boundaries as values; the error codes are a closed union the UI has a sentence for.

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'invalid-state',
  'gateway-refused',
  'gateway-unreachable',
  'gateway-timeout',
  'gateway-error',
  /** A block explorer refused the request (a bad or missing key, a refused address). */
  'explorer-refused',
  /** A block explorer could not be reached, or did not answer in time. */
  'explorer-unreachable',
  /** A block explorer answered with an error or something unreadable. */
  'explorer-error',
  'not-ready',
  'unauthorized',
  /** An owner-only action while the owner's PIN is set and this window (or tab) is not unlocked. */
  'owner-locked',
  /** The counter's answer was lost on the way to the screen (the call may have happened). */
  'no-answer',
  /** A bug inside the app. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface PosError {
  code: ErrorCode;
  message: string;
  /** Per-field messages for a form (settings), keyed by the argument's name. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, fields?: Record<string, string>): Result<T> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}
