// The messages between the main side and the CSV export workers.

export interface ExportJob {
  databaseFile: string;
  nativeBinding?: string;
  /** Instants (ISO, any offset), `to` exclusive. */
  from: string;
  to: string;
  bom: boolean;
}

/** What one worker writes: its part of the range (of `count` parts cut by time), and where. */
export interface ExportPart {
  index: number;
  count: number;
  /** file: the worker writes this file itself; port: it posts chunks and waits for each to be taken. */
  target: { kind: 'file'; path: string } | { kind: 'port' };
}

export type WorkerJob = ExportJob & { part: ExportPart };

export type ExportMessage =
  | { type: 'chunk'; text: string }
  | { type: 'done'; rows: number }
  | { type: 'error'; message: string };

/** The parent took the last chunk (to stop an export, the parent terminates the worker). */
export type ParentMessage = { type: 'ack' };
