// The CSV export, run in a worker_threads worker with its own read-only connection, so a
// million-sale export never holds its rows in memory and never stalls the main event loop.
// Rows are read with .iterate() and stringified in batches; each batch is either written to the
// file here (Electron's save dialog) or posted to the parent, which acknowledges it once the
// HTTP response has taken it (browser mode's download), so a slow client slows the reading.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { exportRows } from '../store/export-rows';
import { CSV_COLUMNS, csvRecord, refreshLocalZone } from './csv-rows';
import type { ExportJob, ExportMessage, ParentMessage } from './export-protocol';
import { csvText } from './csv-text';

const BATCH_ROWS = 2_000;
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

async function run(job: ExportJob): Promise<number> {
  // Written beside the chosen file and renamed at the end: a failed or killed export never leaves a
  // truncated file that passes for a whole one, nor destroys a file the owner chose to replace.
  const partial = job.target.kind === 'file' ? `${job.target.path}.partial` : null;
  let fd: number | null = partial !== null ? openSync(partial, 'w', 0o600) : null;
  const emit = async (text: string): Promise<void> => {
    if (fd !== null) {
      writeSync(fd, text);
      return;
    }
    const acknowledged = new Promise<void>((resolve) => {
      acknowledge = resolve;
    });
    // Text, not transferred bytes: the copy lands in the parent's young generation and is
    // collected within milliseconds, where a transferred buffer waits for a full GC (+60 MB RSS).
    post({ type: 'chunk', text });
    await acknowledged;
  };
  let rows = 0;
  try {
    await emit((job.bom ? UTF8_BOM : '') + csvText([[...CSV_COLUMNS]]));
    refreshLocalZone();
    let batch: string[][] = [];
    for (const row of exportRows(job.databaseFile, job, job.nativeBinding)) {
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
    if (fd !== null && partial !== null && job.target.kind === 'file') {
      closeSync(fd);
      fd = null;
      renameSync(partial, job.target.path);
    }
    return rows;
  } catch (error) {
    if (fd !== null && partial !== null) {
      closeSync(fd);
      fd = null;
      try {
        unlinkSync(partial);
      } catch {
        /* already gone */
      }
    }
    throw error;
  }
}

run(workerData as ExportJob).then(
  (rows) => post({ type: 'done', rows }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
