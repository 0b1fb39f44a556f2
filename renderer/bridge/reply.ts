// Turns whatever came back from the counter into a Result the screens can trust, the same way over
// IPC and HTTP: the envelope is checked by hand, the value by the method's result schema, an event's
// payload by its event schema. What came back is outside input like any other.
import {
  POS_EVENTS,
  POS_METHOD_NAMES,
  POS_METHODS,
  type PosApi,
  type PosArgs,
  type PosEventName,
  type PosEventPayload,
  type PosMethodName,
  type PosValue,
} from '../../shared/api';
import { ERROR_CODES, fail, type ErrorCode, type Result } from '../../shared/result';

export const NOT_SIGNED_IN_MESSAGE =
  'This page is not signed in to the counter service. Open the link it printed when it started (the one ending in #token=…).';

/** One call of a method, whichever carrier makes it. */
export type Call = <M extends PosMethodName>(method: M, args: PosArgs<M>) => Promise<Result<PosValue<M>>>;

/** PosApi's methods, one per contract method, all made by `call`: a method added to the contract needs no code here. */
export function methodsCalling(call: Call): Omit<PosApi, 'on'> {
  return Object.fromEntries(
    POS_METHOD_NAMES.map((method) => [method, (args: PosArgs<typeof method>) => call(method, args)]),
  ) as Omit<PosApi, 'on'>;
}

const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** A Result as the counter sent it, checked; null when `raw` is not a Result envelope at all. */
function readEnvelope<M extends PosMethodName>(method: M, raw: unknown): Result<PosValue<M>> | null {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return null;
  const envelope = raw as { ok: unknown; value?: unknown; error?: unknown };
  if (envelope.ok === true) {
    const parsed = POS_METHODS[method].result.safeParse(envelope.value);
    if (parsed.success) return { ok: true, value: parsed.data as PosValue<M> };
    // The answer arrived whole and breaks the contract: a bug (or two versions), not a lost answer.
    return fail('internal', `The counter service sent a reply to ${method} that this screen does not understand. Reload the page; if it persists, update the app.`);
  }
  if (envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null) {
    const { code, message, fields } = envelope.error as { code?: unknown; message?: unknown; fields?: unknown };
    if (isErrorCode(code) && typeof message === 'string' && message.length > 0) return fail(code, message, readFields(fields));
  }
  return null;
}

/** Per-field form messages, kept only when every entry is a field name with a sentence. */
function readFields(fields: unknown): Record<string, string> | undefined {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const entries = Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** What an IPC invoke resolved to. */
export function readReply<M extends PosMethodName>(method: M, raw: unknown): Result<PosValue<M>> {
  return readEnvelope(method, raw) ?? fail('internal', `The counter answered ${method} with something that is not a result. Restart the app; if it persists, update it.`);
}

/** An HTTP reply: its status, and the body parsed as JSON (undefined when it was not JSON or broke off). */
export function readHttpReply<M extends PosMethodName>(method: M, httpStatus: number, body: unknown): Result<PosValue<M>> {
  const result = readEnvelope(method, body);
  // Only this page knows the fix for a missing or stale token, so it words that one itself.
  if (result && !(!result.ok && result.error.code === 'unauthorized')) return result;
  if (result || httpStatus === 401 || httpStatus === 403) return fail('unauthorized', NOT_SIGNED_IN_MESSAGE);
  const words = `The counter service answered ${method} with HTTP ${httpStatus} and no usable reply.`;
  // A body that broke off, or a server error: the call may have run and its answer is lost.
  if (httpStatus >= 500 || (body === undefined && httpStatus < 400)) return fail('no-answer', `${words} It may have done what was asked; try again.`);
  return fail('internal', `${words} Try again.`);
}

/** An event's payload when it matches the contract; null (and a console line) when it does not. */
export function readEvent<E extends PosEventName>(name: E, payload: unknown): PosEventPayload<E> | null {
  const parsed = POS_EVENTS[name].safeParse(payload);
  if (parsed.success) return parsed.data as PosEventPayload<E>;
  console.warn(`[events] ${name}: the payload does not match the contract; ignored`);
  return null;
}
