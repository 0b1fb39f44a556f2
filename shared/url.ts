// Addresses the app is given (a gateway, an explorer, a public URL, a payment page) must be web
// addresses: http: or https:, parsed with `new URL`, never matched as text.

/** The parsed URL when `value` is an absolute http: or https: URL; null otherwise. */
export function httpUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

export function isHttpUrl(value: string): boolean {
  return httpUrl(value) !== null;
}
