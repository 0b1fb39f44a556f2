// Runs the ledger's health read (store/ledger-health.ts) in its bundled worker, so integrity_check on a
// large ledger never stalls the main event loop; what went wrong becomes a line in the report instead.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { bundledFile } from '../bundled-file';
import type { LedgerHealth } from '../store/ledger-health';

export const LEDGER_HEALTH_WORKER_FILE_NAME = 'ledger-health-worker.cjs';

export type LedgerHealthReport = LedgerHealth | { error: string };

type WorkerAnswer = { ok: true; health: LedgerHealth } | { ok: false; message: string };

export function readLedgerHealthInWorker(databaseFile: string, options: { nativeBinding?: string; workerFile?: string } = {}): Promise<LedgerHealthReport> {
  const workerFile = options.workerFile ?? bundledFile(LEDGER_HEALTH_WORKER_FILE_NAME);
  if (!existsSync(workerFile)) return Promise.resolve({ error: `the ledger check worker is missing (${workerFile}); run npm run build` });
  return new Promise((resolve) => {
    const worker = new Worker(workerFile, { workerData: { databaseFile, nativeBinding: options.nativeBinding } });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      resolve(answer.ok ? answer.health : { error: answer.message });
    });
    worker.once('error', (error) => {
      answered = true;
      resolve({ error: error.message });
    });
    worker.once('exit', (code) => {
      if (!answered) resolve({ error: `the ledger check stopped (exit code ${code})` });
    });
  });
}
