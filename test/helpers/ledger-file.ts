// Tests look inside a ledger through its file, never through the app's own connection: a second,
// read-only connection sees every committed row (WAL) and cannot change one. A test that must stage
// a failure (a trigger that refuses writes) opens a read-write one on purpose with `alterLedger`.
import Database from 'better-sqlite3';

/** Runs `look` on a read-only connection to the ledger file and closes it. */
export function inspectLedger<T>(file: string, look: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

/** All rows of a query, read through a read-only connection. */
export function ledgerRows<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  return inspectLedger(file, (db) => db.prepare(sql).all(...params) as T[]);
}

/** Changes the ledger's schema or rows behind the app's back, to stage a failure; says so in its name. */
export function alterLedger(file: string, sql: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec(sql);
  } finally {
    db.close();
  }
}
