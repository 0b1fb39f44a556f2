// The browser-mode access token arrives once in the address (#token=…), is kept for this tab only,
// and is taken out of the address bar so it is not bookmarked, shared or left in the history.

const TOKEN_KEY = 'mitilena-counter.token';

/** The token in a location hash such as "#token=abc", or null. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
}

/** Reads the token from the address (first load) or this tab's storage (reloads). */
export function takeSessionToken(): string | null {
  const fromHash = tokenFromHash(window.location.hash);
  if (fromHash) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be off (privacy settings); the token still works until the tab reloads.
    }
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

const SESSION_KEY = 'mitilena-counter.session';

/**
 * This tab's own session id: the core keeps an owner's unlock or a cashier's sign-in per session,
 * so another tab (or a reload after the tab closed) starts locked. Kept across reloads of the tab.
 */
export function tabSessionId(): string {
  try {
    const kept = window.sessionStorage.getItem(SESSION_KEY);
    if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  } catch {
    // No storage: a new session per page load.
  }
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  try {
    window.sessionStorage.setItem(SESSION_KEY, id);
  } catch {
    // As above.
  }
  return id;
}

const DISPLAY_KEY = 'mitilena-counter.display';

/**
 * Whether this page is a customer display (issue 12): its address says #display (browser mode's
 * link, Electron's display window); kept for the tab, since the address is cleaned once read.
 */
export function isDisplayPage(): boolean {
  const shown = new URLSearchParams(window.location.hash.replace(/^#/, '')).has('display');
  try {
    if (shown) window.sessionStorage.setItem(DISPLAY_KEY, '1');
    return shown || window.sessionStorage.getItem(DISPLAY_KEY) === '1';
  } catch {
    return shown;
  }
}
