// The renderer is served from a privileged custom scheme, app://counter/, instead of file://:
// file:// pages share one opaque origin with every file on the disk, while app://counter is an
// origin of its own that the CSP, the navigation guards and the IPC sender check can name.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/page-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// The page's policy, sent as a header on every app:// response (shared/page-policy.ts).
export { CONTENT_SECURITY_POLICY };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * True only for a URL whose scheme is exactly app: and whose host is exactly "counter" (no port,
 * no credentials). Parsed with `new URL`, so "app://counter.evil/", "app://counter@evil/" and
 * "https://x/?app://counter" are all refused.
 */
export function isAppOrigin(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Must run before the app's `ready` event: privileges cannot be granted to a scheme afterwards. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: a real origin and relative URL resolution; secure: a secure context;
    // supportFetchAPI: the page may fetch() its own bundled files. Deliberately not corsEnabled
    // (which would let other origins read app:// responses) and not bypassCSP.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Registers the app:// handler on the default session; call after `ready`. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * Maps a request URL to a file strictly inside `rendererDir`, or null. The URL parser already
 * folds "../" and "%2e%2e", but an encoded slash ("..%2f") only becomes a separator after
 * decoding, so the decoded path is resolved and checked to still lie inside the directory.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Backslashes and NULs have no business in a web path; on Windows a backslash is a separator.
  if (relative.includes('\\') || relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  const fromRoot = path.relative(root, file);
  const escapes = fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot);
  if (fromRoot === '' || escapes) return null;
  return file;
}

/** The app:// request handler: a read-only static file server for dist/renderer. */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return plain(404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          // Files change with every build; the webview must not show a stale screen after an update.
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}
