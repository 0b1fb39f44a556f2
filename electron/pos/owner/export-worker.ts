// The CSV export, run in worker_threads workers with their own read-only connections, so a
// million-sale export never holds its rows in memory and never stalls the main event loop.
// Each worker writes one part of the range (cut by time; the first part carries the BOM and the
// header). Rows are read with .iterate() and stringified in batches; each batch is either written to
// the worker's file or posted to the parent, which acknowledges it once the HTTP response has taken
// it (browser mode's download), so a slow client slows the reading.
import { closeSync, openSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { exportPartRange, exportRows } from '../store/export-rows';
import { CSV_COLUMNS, csvRecord, refreshLocalZone } from './csv-rows';
import type { ExportMessage, ParentMessage, WorkerJob } from './export-protocol';
import { csvText } from './csv-text';

const BATCH_ROWS = 2_000;
/** The workers yield the CPU to the main thread (the webhook listener) whenever both want it. */
const EXPORT_NICENESS = 10;

// On Linux a thread's nice value is its own, so this lowers this worker's thread alone; elsewhere
// setpriority(0) would lower the whole app, so it is left as it is.
if (process.platform === 'linux') {
  try {
    setPriority(0, EXPORT_NICENESS);
  } catch {
    /* not allowed here: the export runs at the usual priority */
  }
}
const UTF8_BOM = '\uFEFF';

function post(message: ExportMessage): void {
  parentPort?.postMessage(message);
}

/** Resolves when the parent has taken the previous chunk (its response drained). */
let acknowledge: (() => void) | null = null;
parentPort?.on('message', (message: ParentMessage) => {
  if (message.type !== 'ack') return;
  const waiting = acknowledge;
  acknowledge = null;
  waiting?.();
});

function emitterOf(job: WorkerJob): { emit: (text: string) => Promise<void>; close: () => void } {
  // The parent names the file (a partial beside the target) and renames or removes it at the end.
  const fd = job.part.target.kind === 'file' ? openSync(job.part.target.path, 'w', 0o600) : null;
  if (fd !== null) return { emit: async (text) => void writeSync(fd, text), close: () => closeSync(fd) };
  return {
    emit: async (text) => {
      const acknowledged = new Promise<void>((resolve) => {
        acknowledge = resolve;
      });
      // Text, not transferred bytes: the copy lands in the parent's young generation and is
      // collected within milliseconds, where a transferred buffer waits for a full GC (+60 MB RSS).
      post({ type: 'chunk', text });
      await acknowledged;
    },
    close: () => undefined,
  };
}

async function run(job: WorkerJob): Promise<number> {
  const { emit, close } = emitterOf(job);
  let rows = 0;
  try {
    if (job.part.index === 0) await emit((job.bom ? UTF8_BOM : '') + csvText([[...CSV_COLUMNS]]));
    refreshLocalZone();
    const range = exportPartRange(job.databaseFile, job, job.part, job.nativeBinding);
    let batch: string[][] = [];
    for (const row of exportRows(job.databaseFile, range, job.nativeBinding)) {
      batch.push(csvRecord(row));
      if (batch.length === BATCH_ROWS) {
        rows += batch.length;
        await emit(csvText(batch));
        batch = [];
      }
    }
    if (batch.length > 0) {
      rows += batch.length;
      await emit(csvText(batch));
    }
    return rows;
  } finally {
    close();
  }
}

run(workerData as WorkerJob).then(
  (rows) => post({ type: 'done', rows }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
