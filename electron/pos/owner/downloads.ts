// One-time download links for browser mode: a random path is the capability, taken once, and
// forgotten after five minutes. Nothing is held but the recipe (the export runs when fetched).
import { randomBytes } from 'node:crypto';
import type { DownloadRegistry, PendingDownload } from './types';

export const DOWNLOAD_TTL_MS = 5 * 60_000;
export const DOWNLOAD_PATH_PREFIX = '/download/';

export function createDownloadRegistry(options: { now: () => Date; ttlMs?: number }): DownloadRegistry {
  const ttlMs = options.ttlMs ?? DOWNLOAD_TTL_MS;
  const offered = new Map<string, { download: PendingDownload; expiresAtMs: number }>();

  const sweep = (nowMs: number): void => {
    for (const [path, entry] of offered) if (entry.expiresAtMs <= nowMs) offered.delete(path);
  };

  return {
    offer(download) {
      const nowMs = options.now().getTime();
      sweep(nowMs);
      const path = `${DOWNLOAD_PATH_PREFIX}${randomBytes(32).toString('hex')}`;
      offered.set(path, { download, expiresAtMs: nowMs + ttlMs });
      return path;
    },
    take(path) {
      const entry = offered.get(path);
      if (!entry) return null;
      offered.delete(path);
      return entry.expiresAtMs > options.now().getTime() ? entry.download : null;
    },
  };
}
