// The first look at a notice's body: parsed with lossless-json (a number keeps its written digits;
// a duplicated key is refused rather than guessed), its keys and the sale it names found even when
// the rest cannot be read, and a copy made fit to store (key redacted, extra fields kept).
import { isLosslessNumber, parse } from 'lossless-json';
import { redactDeep } from '../net/redact';

export type ReadBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses the notice's text; never throws. */
export function readBody(text: string): ReadBody {
  try {
    return { ok: true, value: parse(text) };
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'}` };
  }
}

function statusObjOf(body: unknown): Record<string, unknown> | null {
  if (body === null || typeof body !== 'object') return null;
  const inner = (body as Record<string, unknown>).statusObj;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : null;
}

/** The keys a notice presents: the header's and `statusObj.secretKey`, whichever are text. */
export function presentedKeys(signature: string | undefined, body: unknown): string[] {
  const keys: string[] = [];
  if (typeof signature === 'string' && signature.length > 0) keys.push(signature);
  const secretKey = statusObjOf(body)?.secretKey;
  if (typeof secretKey === 'string' && secretKey.length > 0) keys.push(secretKey);
  return keys;
}

function idText(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  if (isLosslessNumber(value)) return value.value;
  return null;
}

/** The payment and invoice ids a body names, read even when the rest of it is broken. */
export function namedIds(body: unknown): { paymentId: string | null; invoiceId: string | null; wasPaid: unknown } {
  const inner = statusObjOf(body);
  return { paymentId: idText(inner?.yourPaymentId), invoiceId: idText(inner?.mitilenaInvoiceId), wasPaid: inner?.wasPaid };
}

/** Lossless numbers back to plain JSON: a number when it survives the round trip, else its digits as text. */
function plainJson(value: unknown): unknown {
  if (isLosslessNumber(value)) {
    const number = Number(value.value);
    return Number.isFinite(number) && String(number) === value.value ? number : value.value;
  }
  if (Array.isArray(value)) return value.map(plainJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainJson(item)]));
  return value;
}

/**
 * The notice as kept in the ledger: every field the gateway sent (extra ones too) but the secret,
 * with any copy of a key anywhere in it redacted.
 */
export function storableNotice(body: unknown, secrets: readonly (string | null | undefined)[]): unknown {
  const plain = plainJson(body);
  const inner = statusObjOf(plain);
  if (inner) {
    const { secretKey: _secret, ...rest } = inner;
    return redactDeep({ ...(plain as Record<string, unknown>), statusObj: rest }, secrets);
  }
  return redactDeep(plain, secrets);
}
