// The amount the cashier types (issue 12): what the keypad shows is exactly what will be charged, or
// Charge is off. A key the entry cannot take (a '.' in JPY, a fourth decimal in EUR, a digit past the
// largest amount) is refused visibly and held: every key after it is refused too, until Backspace
// takes the refused keys back one by one (or Clear empties the entry). So "12.5" in JPY stops at
// "12" with a reason on screen; it can never become 125.
import { currencyExponent, MAX_AMOUNT_MINOR, minorToDecimal, parseAmount } from './money';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'Backspace' | 'Clear';

/** Why a key was refused; the screen says it in words. */
export type Refusal = 'no-decimals' | 'too-many-decimals' | 'too-large' | 'second-point';

export interface Entry {
  /** The accepted text: always a valid prefix of an amount in the currency ("", "12", "12.", "0.5"). */
  text: string;
  /** Keys typed after the entry refused one, the refused one first; empty when all were taken. */
  refused: readonly { key: KeypadKey; why: Refusal }[];
}

export const EMPTY_ENTRY: Entry = Object.freeze({ text: '', refused: Object.freeze([]) }) as Entry;

/** The entry after one more key. Never throws for a known currency. */
export function pressEntryKey(entry: Entry, key: KeypadKey, currency: string): Entry {
  if (key === 'Clear') return EMPTY_ENTRY;
  if (key === 'Backspace') {
    if (entry.refused.length > 0) return { text: entry.text, refused: entry.refused.slice(0, -1) };
    return { text: entry.text.slice(0, -1), refused: [] };
  }
  // Held per character, as Backspace takes back one character at a time ('00' is two).
  const held = (why: Refusal) => [...key].map((char) => ({ key: char as KeypadKey, why }));
  const first = entry.refused[0];
  // Held: nothing after a refused key is taken, so nothing is silently reinterpreted.
  if (first) return { text: entry.text, refused: [...entry.refused, ...held(first.why)] };
  const taken = takeKey(entry.text, key, currencyExponent(currency));
  return typeof taken === 'string' ? { text: taken, refused: [] } : { text: entry.text, refused: held(taken.why) };
}

function takeKey(text: string, key: Exclude<KeypadKey, 'Backspace' | 'Clear'>, exponent: number): string | { why: Refusal } {
  if (key === '.') {
    if (exponent === 0) return { why: 'no-decimals' };
    if (text.includes('.')) return { why: 'second-point' };
    return (text === '' ? '0' : text) + '.';
  }
  let next = text;
  // '00' is taken whole or not at all.
  for (const digit of key) {
    const taken = takeDigit(next, digit, exponent);
    if (typeof taken !== 'string') return taken;
    next = taken;
  }
  return next;
}

function takeDigit(text: string, digit: string, exponent: number): string | { why: Refusal } {
  const dot = text.indexOf('.');
  if (dot >= 0 && text.length - dot - 1 >= exponent) return { why: 'too-many-decimals' };
  const next = text === '0' ? digit : text + digit; // a lone zero is replaced: "05" never shows
  return minorOfText(next, exponent) > MAX_AMOUNT_MINOR ? { why: 'too-large' } : next;
}

/** The accepted text's value in minor units ("12." → 1200 in EUR), exactly. */
function minorOfText(text: string, exponent: number): number {
  const [whole = '', fraction = ''] = text.split('.');
  const digits = (whole || '0') + fraction.padEnd(exponent, '0');
  const value = BigInt(digits);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** What Charge would charge, in minor units; null when Charge must be off (nothing typed, zero, or a key held). */
export function entryMinor(entry: Entry, currency: string): number | null {
  if (entry.refused.length > 0) return null;
  try {
    const parsed = parseAmount(entry.text, currency);
    return parsed.ok ? parsed.minor : null;
  } catch {
    return null;
  }
}

/** The amount as the service takes it ("12.50"), or null when Charge must be off. */
export function entryAmount(entry: Entry, currency: string): string | null {
  const minor = entryMinor(entry, currency);
  return minor === null ? null : minorToDecimal(minor, currency);
}

/** The entry that starts with one key (a digit typed on a result screen starts the next sale with it). */
export function entryStartingWith(key: KeypadKey, currency: string): Entry {
  return pressEntryKey(EMPTY_ENTRY, key, currency);
}
