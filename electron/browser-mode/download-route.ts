// One-time downloads (the CSV export): a plain link cannot carry the bearer token, so the random path
// is the capability, usable once; the file streams from the export worker.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DownloadRegistry } from '../pos/owner/types';
import { SECURITY_HEADERS, send } from './answers';

/** GET /download/<64 hex>: the random path is the capability, taken once; a failed export cuts the connection. */
export async function serveDownload(request: IncomingMessage, response: ServerResponse, pathname: string, downloads: DownloadRegistry | undefined): Promise<void> {
  if (request.method !== 'GET') return send(response, 405, 'GET only', undefined, { allow: 'GET' });
  const download = /^\/download\/[0-9a-f]{64}$/.test(pathname) ? (downloads?.take(pathname) ?? null) : null;
  if (!download) return send(response, 404, 'This download link was already used or has expired; export again');
  const asciiName = download.filename.replace(/[^\w.-]/g, '_');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': download.contentType,
    'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(download.filename)}`,
    'cache-control': 'no-store',
  });
  try {
    await download.write(response);
    response.end();
  } catch {
    // Headers are gone already: cut the connection so the browser shows a failed download, not a short file.
    response.destroy();
  }
}

