// The seam between the core and the owner's desk (history, day close, receipts, owner actions,
// CSV export). core.ts depends only on these types; handlers.ts implements them.
import type { Writable } from 'node:stream';
import type { Actor } from '../../../shared/access';
import type { CallContext } from '../dispatch';
import type { MethodGroup } from '../registry';
import type { PosEvents } from '../events';
import type { Ledger } from '../store/ledger';

export type OwnerHandlers = MethodGroup<
  | 'historyPage'
  | 'historySummary'
  | 'dayClose'
  | 'getReceipt'
  | 'openExplorer'
  | 'savePdf'
  | 'resolveReview'
  | 'markPaid'
  | 'voidSale'
  | 'exportCsv'
  | 'refundSale'
  | 'closeDay'
  | 'listDayCloses'
  | 'getDayClose'
>;

/** A CSV export waiting to be fetched once by browser mode's download route. */
export interface PendingDownload {
  filename: string;
  contentType: string;
  /** Streams the file into `out` (without ending it) and resolves with the number of data rows written. */
  write(out: Writable): Promise<number>;
}

/** One-time download links for browser mode (a link, not a blob, so nothing is held in memory). */
export interface DownloadRegistry {
  /** Registers a download and returns its URL path, e.g. /download/<random>. */
  offer(download: PendingDownload): string;
  /** Takes the download for a path (once); null when unknown or already taken or expired. */
  take(path: string): PendingDownload | null;
}

/** What a save dialog is for: its title and file type follow. */
export type SaveFileKind = 'csv' | 'diagnostics';

/** What only the host can do: Electron has a shell and dialogs; browser mode has downloads. */
export interface OwnerHost {
  openExternal?: (url: string) => Promise<void>;
  /** Electron: prints the focused page to PDF through a save dialog; the path, or null if cancelled. */
  savePdf?: (suggestedName: string) => Promise<string | null>;
  /** Electron: asks where to save a file (a CSV export unless `kind` says otherwise); the path, or null if cancelled. */
  chooseSavePath?: (suggestedName: string, kind?: SaveFileKind) => Promise<string | null>;
}

export interface OwnerDeps {
  ledger: Ledger;
  events: PosEvents;
  /** The ledger file; long reads and exports use their own read-only connection in a worker. */
  databaseFile: string;
  nativeBinding?: string;
  now: () => Date;
  receiptSettings: () => { shopName: string; receiptFooter: string };
  host: OwnerHost;
  downloads: DownloadRegistry;
  /** Who the books name for a call (the owner, a cashier); null everywhere when absent (tests). */
  actorOf?: (context: CallContext) => Actor | null;
  /** The bundled CSV export worker (dist/export-worker.cjs); found beside the running bundle when omitted. */
  exportWorkerFile?: string;
}
