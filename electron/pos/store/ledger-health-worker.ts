// The worker that reads a ledger's health (ledger-health.ts) off the main thread: integrity_check
// reads every page of the file, which on a large ledger takes seconds the webhook listener must not wait.
import { parentPort, workerData } from 'node:worker_threads';
import { readLedgerHealth } from './ledger-health';

const job = workerData as { databaseFile: string; nativeBinding?: string };
try {
  parentPort?.postMessage({ ok: true, health: readLedgerHealth(job.databaseFile, job.nativeBinding) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
