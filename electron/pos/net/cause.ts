// undici wraps socket errors as TypeError('fetch failed') with the system error as its cause; the
// code that says what happened (ECONNREFUSED, ECONNRESET …) may be a few causes down.

/** The first string `code` on the error or its causes (four deep at most); '' when there is none. */
export function causeCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}
