// Turns whatever the browser-mode server answered into a Result the screens can trust. The body is
// outside input like any other: the envelope is checked by hand and the value by the method's schema.
import { POS_METHODS, type PosMethodName, type PosValue } from '../shared/api';
import { ERROR_CODES, fail, type ErrorCode, type Result } from '../shared/result';

export const UNREACHABLE_MESSAGE =
  'The counter service is not reachable. Check that it is still running on this computer, then try again.';

export const NOT_SIGNED_IN_MESSAGE =
  'This page is not signed in to the counter service. Open the link it printed when it started (the one ending in #token=…).';

const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** Reads one reply: the HTTP status, and the body already parsed as JSON (undefined when it was not JSON). */
export function readReply<M extends PosMethodName>(method: M, httpStatus: number, body: unknown): Result<PosValue<M>> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const envelope = body as { ok: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) {
      const parsed = POS_METHODS[method].result.safeParse(envelope.value);
      if (parsed.success) return { ok: true, value: parsed.data as PosValue<M> };
      return fail('internal', `The counter service sent a reply to ${method} that this screen does not understand. Reload the page; if it persists, update the app.`);
    }
    if (envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null) {
      const { code, message, fields } = envelope.error as { code?: unknown; message?: unknown; fields?: unknown };
      // Only this page knows the fix for a missing or stale token, so it words that one itself.
      if (code === 'unauthorized') return fail('unauthorized', NOT_SIGNED_IN_MESSAGE);
      if (isErrorCode(code) && typeof message === 'string' && message.length > 0) {
        return fail(code, message, readFields(fields));
      }
    }
  }
  if (httpStatus === 401 || httpStatus === 403) return fail('unauthorized', NOT_SIGNED_IN_MESSAGE);
  return fail('internal', `The counter service answered ${method} with HTTP ${httpStatus} and no usable reply. Try again.`);
}

/** Per-field form messages, kept only when every entry is a field name with a sentence. */
function readFields(fields: unknown): Record<string, string> | undefined {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const entries = Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
