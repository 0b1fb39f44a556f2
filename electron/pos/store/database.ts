// Opens the sales ledger with the settings a ledger needs: WAL for concurrent readers, foreign keys,
// and synchronous=FULL so a confirmed payment survives a power cut.
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Stop at this schema version (tests of migrations). */
  targetVersion?: number;
  /**
   * false: no fsync per commit. Only for tests that judge rules over thousands of writes, never the
   * app: a confirmed payment must survive a power cut (the default, synchronous=FULL).
   */
  syncEveryCommit?: boolean;
}

const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(options.syncEveryCommit === false ? 'synchronous = OFF' : 'synchronous = FULL');
      migrate(db, options.targetVersion);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
