// Browser mode's one-time download route over real HTTP: the random path is the capability, it
// works once, then 404; the Host and Origin guards apply as everywhere else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore } from '../../electron/pos/core';
import type { PosCore, PosHandlers } from '../../electron/pos/dispatch';
import { createDownloadRegistry } from '../../electron/pos/owner/downloads';
import type { DownloadRegistry } from '../../electron/pos/owner/types';
import { seedSale } from '../bench/sales-seed';
import { memorySecrets } from '../helpers/secrets';
import { buildExportWorker } from '../helpers/export-worker';
import { manualClock, tempDir } from '../helpers/temp';

beforeAll(async () => {
  // The core finds the bundled worker in dist/: build it from the current source.
  await buildExportWorker();
});

let dir: ReturnType<typeof tempDir>;
let host: BrowserHost;
let downloads: DownloadRegistry;
const clock = manualClock();

// Only the download route is exercised: no PosApi method is called.
const core: PosCore = { handlers: {} as PosHandlers, on: () => () => undefined };

beforeEach(async () => {
  dir = tempDir();
  mkdirSync(join(dir.path, 'renderer'));
  writeFileSync(join(dir.path, 'renderer', 'index.html'), '<!doctype html>');
  downloads = createDownloadRegistry({ now: clock.now });
  host = await startBrowserHost({ core, token: 'b'.repeat(64), rendererDir: join(dir.path, 'renderer'), port: 0, downloads });
});
afterEach(async () => {
  await host.close();
  dir.remove();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const offerCsv = (body = 'sale_id\r\nsale-1\r\n'): string =>
  downloads.offer({
    filename: 'mitilena-sales-2026-11-26.csv',
    contentType: 'text/csv; charset=utf-8',
    write: async (out) => {
      out.write(body.slice(0, 5));
      await new Promise((resolve) => setTimeout(resolve, 5));
      out.write(body.slice(5));
      return 1;
    },
  });

describe('download route', () => {
  it('serves a download once, as an attachment, without the bearer token', async () => {
    const path = offerCsv();
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.text).toBe('sale_id\r\nsale-1\r\n');
    expect(first.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(first.headers['content-disposition']).toBe(`attachment; filename="mitilena-sales-2026-11-26.csv"; filename*=UTF-8''mitilena-sales-2026-11-26.csv`);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(path)).status).toBe(404);
  });

  it('refuses a foreign Host or Origin without using up the link', async () => {
    const path = offerCsv();
    expect((await get(path, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(path, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await get(path, {}, 'HEAD')).status).toBe(405);
    expect((await get(path)).status).toBe(200);
  });

  it('forgets unknown, malformed and expired links', async () => {
    expect((await get(`/download/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('/download/not-hex')).status).toBe(404);
    expect((await get(`/download/${'A'.repeat(64)}`)).status).toBe(404);
    const path = offerCsv();
    clock.advance(5 * 60_000 + 1);
    expect((await get(path)).status).toBe(404);
  });
});

describe('CSV download with the real core', () => {
  it('exports through PosApi and streams the file from the worker over the one-time link', async () => {
    const core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets() });
    const browser = await startBrowserHost({ core, token: 'c'.repeat(64), rendererDir: join(dir.path, 'renderer'), port: 0, downloads: core.downloads });
    try {
      const paid = seedSale(core.ledger, { at: '2026-11-26T09:00:00.000Z', status: 'paid', note: 'Кофе, "☕"\n=1+1' });
      const exported = await core.handlers.exportCsv({ from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', bom: true });
      if (!exported.ok || !exported.value.downloadUrl) throw new Error('no download offered');
      const text = await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: browser.port, path: exported.value.downloadUrl as string, headers: { host: `127.0.0.1:${browser.port}` } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
      const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ sale_id: paid.id, status: 'paid', fiat_amount: '12.50', note: 'Кофе, "☕"\n=1+1' });
    } finally {
      await browser.close();
      await core.close();
    }
  });
});
