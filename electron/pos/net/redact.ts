// Keeps secrets out of anything the app stores or shows that came from outside (a gateway's error
// text, a notice's fields). A copy of a key may arrive split by invisible characters, in another
// case, or cut short, so matching ignores invisible characters and ASCII case, and any fragment of
// MIN_SECRET_FRAGMENT_CHARS or more characters of a secret is removed, not just the whole key.

export const MIN_SECRET_FRAGMENT_CHARS = 8;
export const REDACTED = '[redacted]';

/** Control, format and zero-width characters (code point ranges): they change nothing a person reads. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f], [0x007f, 0x009f], [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160],
  [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164],
  [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

function isInvisible(char: string): boolean {
  const code = char.charCodeAt(0);
  return INVISIBLE_RANGES.some(([low, high]) => code >= low && code <= high);
}

function lowerAscii(char: string): string {
  return char >= 'A' && char <= 'Z' ? char.toLowerCase() : char;
}

/** The visible characters of `text` (ASCII lower-cased), each with its index in `text`. */
function visible(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (isInvisible(char)) continue;
    chars += lowerAscii(char);
    at.push(index);
  }
  return { chars, at };
}

/** Every window of the fragment length from each secret; a short secret only as a whole. */
function fragmentsOf(secrets: readonly string[]): { grams: Set<string>; whole: string[] } {
  const grams = new Set<string>();
  const whole: string[] = [];
  for (const secret of secrets) {
    const { chars } = visible(secret);
    if (chars.length === 0) continue;
    if (chars.length < MIN_SECRET_FRAGMENT_CHARS) {
      whole.push(chars);
      continue;
    }
    for (let index = 0; index + MIN_SECRET_FRAGMENT_CHARS <= chars.length; index++) grams.add(chars.slice(index, index + MIN_SECRET_FRAGMENT_CHARS));
  }
  return { grams, whole };
}

/** Replaces every trace of the secrets in `text` with REDACTED; text without one is returned as is. */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  const usable = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  if (usable.length === 0 || text.length === 0) return text;
  const { grams, whole } = fragmentsOf(usable);
  const { chars, at } = visible(text);
  const marked = new Uint8Array(chars.length);
  const mark = (start: number, length: number) => marked.fill(1, start, start + length);
  for (let index = 0; index + MIN_SECRET_FRAGMENT_CHARS <= chars.length; index++) {
    if (grams.has(chars.slice(index, index + MIN_SECRET_FRAGMENT_CHARS))) mark(index, MIN_SECRET_FRAGMENT_CHARS);
  }
  for (const secret of whole) {
    for (let found = chars.indexOf(secret); found >= 0; found = chars.indexOf(secret, found + 1)) mark(found, secret.length);
  }
  if (!marked.includes(1)) return text;
  // Rebuild from the original: a marked run, with the invisible characters inside it, becomes one REDACTED.
  let out = '';
  let cursor = 0;
  for (let index = 0; index < chars.length; index++) {
    if (!marked[index]) continue;
    let end = index;
    while (end + 1 < chars.length && marked[end + 1]) end++;
    out += text.slice(cursor, at[index]) + REDACTED;
    cursor = (at[end] as number) + 1;
    index = end;
  }
  return out + text.slice(cursor);
}

/** Redacts every string inside a JSON-like value (keys and values), returning a new value. */
export function redactDeep(value: unknown, secrets: readonly (string | null | undefined)[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecrets(key, secrets), redactDeep(item, secrets)]));
  }
  return value;
}
