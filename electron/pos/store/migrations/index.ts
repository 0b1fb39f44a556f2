// Numbered migrations with gaps, one file each; the applied number lives in PRAGMA user_version. Each
// runs in its own transaction, and a database written by a newer version of the app is refused, not guessed at.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { registerSaleTotalFunctions } from '../sale-totals-sql';
import { migration as m0010 } from './0010-sales-and-events';
import { migration as m0020 } from './0020-voided-status';
import { migration as m0030 } from './0030-history-indexes';
import { migration as m0040 } from './0040-chain-confirmation';
import { migration as m0050 } from './0050-key-fingerprints';
import { migration as m0060 } from './0060-sandbox-in-paid-totals';
import { migration as m0070 } from './0070-tx-hash-any-case';
import { migration as m0080 } from './0080-tip-cashier-linked-sale';
import { migration as m0100 } from './0100-refund-statuses';
import { migration as m0110 } from './0110-refunds';
import { migration as m0120 } from './0120-day-closes';
import { migration as m0130 } from './0130-sale-totals';
import { migration as m0140 } from './0140-start-indexes';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0100, m0110, m0120, m0130, m0140];

export const LATEST_VERSION = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

export class DatabaseTooNewError extends Error {
  constructor(found: number) {
    super(
      `This sales database was written by a newer version of Mitilena Counter (schema ${found}, this app knows ${LATEST_VERSION}). ` +
        'Install the newer version; the file was left untouched.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Brings the database to `target` (default: the latest), one migration per transaction. */
export function migrate(db: Database.Database, target: number = LATEST_VERSION): void {
  // The triggers of 0130 call the books' functions: every connection that migrates may write sales.
  registerSaleTotalFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new DatabaseTooNewError(current);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    // A no-op inside a transaction, so it is switched before and restored after.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`Migration ${migration.version} would break ${broken.length} foreign key(s); nothing was changed`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
}
