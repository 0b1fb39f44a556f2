// The built UI, served read-only from its folder with the page's CSP: index.html never cached, the
// content-hashed assets for a year.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/page-policy';
import { SECURITY_HEADERS, send } from './answers';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** GET of a file of the built UI; anything outside its folder, missing or malformed is 404. */
export function serveFile(response: ServerResponse, rendererDir: string, pathname: string): void {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return send(response, 404, 'not found'); // a malformed escape such as %E0
  }
  const root = resolve(rendererDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return send(response, 404, 'not found');
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return send(response, 404, 'not found');
    size = stats.size;
  } catch {
    return send(response, 404, 'not found');
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(size),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    // Built assets carry a content hash in their names; index.html must always be fresh.
    'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  createReadStream(file).pipe(response);
}

