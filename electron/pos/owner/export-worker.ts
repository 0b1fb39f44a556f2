// The CSV export, run in worker_threads workers with their own read-only connections, so a
// million-sale export never holds its rows in memory and never stalls the main event loop.
// Each worker writes one part of the range (cut by time; the first part carries the BOM and the
// header). Each sale comes as one text SQLite joins, made into its record (csv-records.ts) and encoded
// into a 512 KB chunk; each chunk is either written to the worker's file or posted to the parent,
// which acknowledges it once the HTTP response has taken it (browser mode's download), so a slow
// client slows the reading.
import { closeSync, openSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { exportPartRange, exportRecords } from '../store/export-rows';
import { CSV_COLUMNS, refreshLocalZone } from './csv-rows';
import { CSV_RECORD_MAKER } from './csv-records';
import type { ExportMessage, ParentMessage, WorkerJob } from './export-protocol';
import { csvText } from './csv-text';

/** About 2,000 rows: what the parent moves into a download at a time. */
const CHUNK_BYTES = 512 * 1024;
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

function emitterOf(job: WorkerJob): { emit: (bytes: Buffer) => Promise<void>; close: () => void } {
  // The parent names the file (a partial beside the target) and renames or removes it at the end.
  const fd = job.part.target.kind === 'file' ? openSync(job.part.target.path, 'w', 0o600) : null;
  if (fd !== null) return { emit: async (bytes) => void writeSync(fd, bytes), close: () => closeSync(fd) };
  return {
    emit: async (bytes) => {
      const acknowledged = new Promise<void>((resolve) => {
        acknowledge = resolve;
      });
      // Text, not transferred bytes: the copy lands in the parent's young generation and is
      // collected within milliseconds, where a transferred buffer waits for a full GC (+60 MB RSS).
      post({ type: 'chunk', text: bytes.toString('utf8') });
      await acknowledged;
    },
    close: () => undefined,
  };
}

/**
 * Records gathered as UTF-8 in one reused buffer and emitted when it is full: each record is encoded
 * once, straight into the chunk (joining strings cost ~1 µs a row in garbage and copies, measured).
 */
class Chunk {
  private readonly bytes = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly emit: (bytes: Buffer) => Promise<void>) {}

  /** Adds a record when it surely fits (a UTF-16 unit is at most 3 UTF-8 bytes); false when the chunk must be emitted first. */
  add(record: string): boolean {
    if (this.used + record.length * 3 > CHUNK_BYTES) return false;
    this.used += this.bytes.write(record, this.used, 'utf8');
    return true;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.emit(this.bytes.subarray(0, this.used));
    this.used = 0;
  }

  /** Emits the chunk, then the record: into the next chunk, or on its own when it is bigger than a chunk. */
  async flushThen(record: string): Promise<void> {
    await this.flush();
    if (!this.add(record)) await this.emit(Buffer.from(record, 'utf8'));
  }
}

async function run(job: WorkerJob): Promise<number> {
  const { emit, close } = emitterOf(job);
  const chunk = new Chunk(emit);
  let rows = 0;
  try {
    if (job.part.index === 0) await chunk.flushThen((job.bom ? UTF8_BOM : '') + csvText([[...CSV_COLUMNS]]));
    refreshLocalZone();
    const range = exportPartRange(job.databaseFile, job, job.part, job.nativeBinding);
    for (const record of exportRecords(job.databaseFile, range, CSV_RECORD_MAKER, job.nativeBinding)) {
      rows++;
      if (!chunk.add(record)) await chunk.flushThen(record);
    }
    await chunk.flush();
    return rows;
  } finally {
    close();
  }
}

run(workerData as WorkerJob).then(
  (rows) => post({ type: 'done', rows }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
