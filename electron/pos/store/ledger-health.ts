// What support needs to know about a ledger file, read on its own read-only connection (so it works
// beside a running app and never changes anything): SQLite's integrity_check, the schema version,
// the sales per status and the files' sizes. integrity_check reads the whole file, so the app runs
// this in a worker (support/ledger-health-run.ts); the command line calls it directly.
import { existsSync, statSync } from 'node:fs';
import { openDatabase } from './database';

export interface LedgerHealth {
  /** integrity_check's lines: ["ok"] for a sound file, at most MAX_INTEGRITY_LINES otherwise. */
  integrityCheck: string[];
  schemaVersion: number;
  sqliteVersion: string;
  salesByStatus: Record<string, number>;
  bytes: { ledger: number; wal: number };
}

export const MAX_INTEGRITY_LINES = 100;

function sizeOf(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/** Values of the ledger's meta table (settings, install values), read-only; missing keys are left out. */
export function readLedgerMeta(databaseFile: string, keys: readonly string[], nativeBinding?: string): Record<string, string> {
  const db = openDatabase(databaseFile, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const statement = db.prepare('SELECT value FROM meta WHERE key = ?');
    const found: Record<string, string> = {};
    for (const key of keys) {
      const row = statement.get(key) as { value: string } | undefined;
      if (row) found[key] = row.value;
    }
    return found;
  } finally {
    db.close();
  }
}

export function readLedgerHealth(databaseFile: string, nativeBinding?: string): LedgerHealth {
  const db = openDatabase(databaseFile, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const integrityCheck = (db.pragma(`integrity_check(${MAX_INTEGRITY_LINES})`) as { integrity_check: string }[]).map((row) => row.integrity_check);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const rows = db.prepare('SELECT status, count(*) AS n FROM sales GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
    return {
      integrityCheck,
      schemaVersion,
      sqliteVersion,
      salesByStatus: Object.fromEntries(rows.map((row) => [row.status, row.n])),
      bytes: { ledger: sizeOf(databaseFile), wal: sizeOf(`${databaseFile}-wal`) },
    };
  } finally {
    db.close();
  }
}
