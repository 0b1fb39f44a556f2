// The main side of the CSV export: starts the worker and, for a download, moves its chunks into
// the HTTP response with backpressure (a chunk is acknowledged only once the response took it).
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { bundledFile } from '../bundled-file';
import type { ExportJob, ExportMessage, ParentMessage } from './export-protocol';

export const EXPORT_WORKER_FILE_NAME = 'export-worker.cjs';

/** The bundled worker (dist/export-worker.cjs), wherever the running bundle is (bundled-file.ts). */
export function defaultExportWorkerFile(): string {
  return bundledFile(EXPORT_WORKER_FILE_NAME);
}

/** Batches are short-lived garbage: a 48 MB young generation halves GC time (measured), and the old one stays capped. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 96 };

/** How much of the download may wait in the response's buffer before the worker is held back. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export type ExportTarget = { kind: 'file'; path: string } | { kind: 'stream'; out: Writable };

/** Runs one export in a fresh worker; resolves with the number of data rows written. */
export function runCsvExport(job: Omit<ExportJob, 'target'>, target: ExportTarget, workerFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!existsSync(workerFile)) {
      reject(new Error(`The export worker is missing (${workerFile}); run npm run build`));
      return;
    }
    const full: ExportJob = { ...job, target: target.kind === 'file' ? { kind: 'file', path: target.path } : { kind: 'port' } };
    const worker = new Worker(workerFile, { workerData: full, resourceLimits: WORKER_LIMITS });
    let settled = false;
    const finish = (error: Error | null, rows = 0): void => {
      if (settled) return;
      settled = true;
      if (target.kind === 'stream') target.out.off('close', onClose);
      // The worker keeps listening for acknowledgements; it is done either way.
      void worker.terminate();
      if (error) reject(error);
      else resolve(rows);
    };
    const send = (message: ParentMessage): void => worker.postMessage(message);
    const onClose = (): void => finish(new Error('The download was closed before the export finished'));
    if (target.kind === 'stream') target.out.once('close', onClose);

    worker.on('message', (message: ExportMessage) => {
      if (message.type === 'done') finish(null, message.rows);
      else if (message.type === 'error') finish(new Error(message.message));
      else if (target.kind === 'stream') {
        // Let the worker make the next batch while the response drains, up to a bounded backlog.
        target.out.write(message.text, 'utf8');
        if (target.out.writableLength < MAX_BUFFERED_BYTES) send({ type: 'ack' });
        else target.out.once('drain', () => send({ type: 'ack' }));
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`The export worker stopped (exit code ${code})`)));
  });
}
