// Numbered migrations with gaps; the applied number lives in PRAGMA user_version. Each runs in its
// own transaction, and a database written by a newer version of the app is refused, not guessed at.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * Rebuilds tables (SQLite cannot alter a CHECK): run with foreign keys off, as SQLite's own
   * procedure asks, and checked with foreign_key_check before the commit.
   */
  rebuildsTables?: boolean;
  up(db: Database.Database): void;
}

// Each migration spells its own status list: a migration is history and never changes.
const STATUS_LIST = "'creating','pending','paid','failed','cancelled','expired','review'";
const STATUS_LIST_0020 = "'creating','pending','paid','failed','cancelled','expired','review','voided'";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'sales and their append-only event log',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE sales (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL CHECK (status IN (${STATUS_LIST})),
          amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
          currency TEXT NOT NULL CHECK (length(currency) = 3),
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
          blockchain TEXT NOT NULL,
          request_id TEXT UNIQUE,
          invoice_id TEXT,
          payment_page TEXT,
          crypto_amount TEXT,
          crypto_symbol TEXT,
          address TEXT,
          expires_at TEXT,
          webhook_url TEXT,
          failure TEXT,
          review_reason TEXT,
          review_detail TEXT,
          overpaid INTEGER NOT NULL DEFAULT 0 CHECK (overpaid IN (0, 1)),
          paid_at TEXT,
          paid_crypto_amount TEXT,
          tx_hash TEXT
        ) STRICT;
        -- The history screen filters on time and status; the notice path looks up invoices.
        CREATE INDEX sales_by_created ON sales (created_at);
        CREATE INDEX sales_by_status_created ON sales (status, created_at);
        CREATE UNIQUE INDEX sales_by_invoice ON sales (invoice_id) WHERE invoice_id IS NOT NULL;

        CREATE TABLE sale_events (
          id INTEGER PRIMARY KEY,
          sale_id TEXT NOT NULL REFERENCES sales (id),
          at TEXT NOT NULL,
          from_status TEXT CHECK (from_status IS NULL OR from_status IN (${STATUS_LIST})),
          to_status TEXT NOT NULL CHECK (to_status IN (${STATUS_LIST})),
          cause TEXT NOT NULL,
          detail TEXT,
          notice_key TEXT
        ) STRICT;
        CREATE INDEX sale_events_by_sale ON sale_events (sale_id, id);
        -- A notice is recorded at most once: this is what makes a repeated notice a no-op.
        CREATE UNIQUE INDEX sale_events_by_notice ON sale_events (notice_key) WHERE notice_key IS NOT NULL;

        CREATE TRIGGER sale_events_append_only_update BEFORE UPDATE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
        CREATE TRIGGER sale_events_append_only_delete BEFORE DELETE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
      `);
    },
  },
  {
    version: 20,
    name: "the owner's 'voided' status",
    rebuildsTables: true,
    up(db) {
      db.exec(`
        CREATE TABLE sales_0020 (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL CHECK (status IN (${STATUS_LIST_0020})),
          amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
          currency TEXT NOT NULL CHECK (length(currency) = 3),
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
          blockchain TEXT NOT NULL,
          request_id TEXT UNIQUE,
          invoice_id TEXT,
          payment_page TEXT,
          crypto_amount TEXT,
          crypto_symbol TEXT,
          address TEXT,
          expires_at TEXT,
          webhook_url TEXT,
          failure TEXT,
          review_reason TEXT,
          review_detail TEXT,
          overpaid INTEGER NOT NULL DEFAULT 0 CHECK (overpaid IN (0, 1)),
          paid_at TEXT,
          paid_crypto_amount TEXT,
          tx_hash TEXT
        ) STRICT;
        INSERT INTO sales_0020 SELECT * FROM sales;
        DROP TABLE sales;
        ALTER TABLE sales_0020 RENAME TO sales;
        CREATE INDEX sales_by_created ON sales (created_at);
        CREATE INDEX sales_by_status_created ON sales (status, created_at);
        CREATE UNIQUE INDEX sales_by_invoice ON sales (invoice_id) WHERE invoice_id IS NOT NULL;

        CREATE TABLE sale_events_0020 (
          id INTEGER PRIMARY KEY,
          sale_id TEXT NOT NULL REFERENCES sales (id),
          at TEXT NOT NULL,
          from_status TEXT CHECK (from_status IS NULL OR from_status IN (${STATUS_LIST_0020})),
          to_status TEXT NOT NULL CHECK (to_status IN (${STATUS_LIST_0020})),
          cause TEXT NOT NULL,
          detail TEXT,
          notice_key TEXT
        ) STRICT;
        INSERT INTO sale_events_0020 SELECT * FROM sale_events;
        DROP TABLE sale_events;
        ALTER TABLE sale_events_0020 RENAME TO sale_events;
        CREATE INDEX sale_events_by_sale ON sale_events (sale_id, id);
        CREATE UNIQUE INDEX sale_events_by_notice ON sale_events (notice_key) WHERE notice_key IS NOT NULL;
        CREATE TRIGGER sale_events_append_only_update BEFORE UPDATE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
        CREATE TRIGGER sale_events_append_only_delete BEFORE DELETE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
      `);
    },
  },
  {
    version: 30,
    name: "the owner's desk: history indexes with the id tiebreak, paid totals covered",
    up(db) {
      // Same names, wider columns: the history screen orders by (created_at, id) and pages with a
      // (created_at, id) cursor, and the status index also carries what the day's paid totals sum,
      // so counts and totals are answered from the index alone.
      db.exec(`
        DROP INDEX sales_by_created;
        CREATE INDEX sales_by_created ON sales (created_at, id);
        DROP INDEX sales_by_status_created;
        CREATE INDEX sales_by_status_created ON sales (status, created_at, id, currency, amount_minor, overpaid);
      `);
    },
  },
  {
    version: 40,
    name: 'payments checked on the blockchain: the confirmation source, hashes indexed for recovery',
    up(db) {
      // ADD COLUMN keeps every row as it is (NULL: the notice alone); no rebuild needed. The partial
      // index answers "which transaction hashes are already recorded" without reading the table.
      db.exec(`
        ALTER TABLE sales ADD COLUMN confirmation TEXT CHECK (confirmation IS NULL OR confirmation IN ('chain-confirmed', 'recovered'));
        CREATE INDEX sales_by_tx_hash ON sales (tx_hash) WHERE tx_hash IS NOT NULL;
      `);
    },
  },
  {
    version: 50,
    name: "each sale's key fingerprint, the keys of open invoices, keyed notices that could not be read",
    up(db) {
      // key_fingerprint: an HMAC of the API key (or the sandbox's key) that made the sale's invoice,
      // never the key; NULL on older sales (the keys of their mode verify them). invoice_keys keeps the
      // fingerprint of every key with invoices still open at the gateway, so a notice for one of them
      // is still recognised after the owner changed or removed that key. unread_notices keeps, redacted,
      // every notice that carried a valid key but could not be read, once (body_sha256), append-only.
      db.exec(`
        ALTER TABLE sales ADD COLUMN key_fingerprint TEXT;
        CREATE TABLE invoice_keys (
          fingerprint TEXT PRIMARY KEY,
          sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
          first_used_at TEXT NOT NULL,
          open_until TEXT NOT NULL
        ) STRICT;
        CREATE TABLE unread_notices (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          sale_id TEXT REFERENCES sales (id),
          reason TEXT NOT NULL,
          body TEXT NOT NULL,
          body_sha256 TEXT NOT NULL UNIQUE
        ) STRICT;
        CREATE INDEX unread_notices_by_at ON unread_notices (at);
        CREATE TRIGGER unread_notices_append_only_update BEFORE UPDATE ON unread_notices
        BEGIN SELECT RAISE(ABORT, 'unread_notices is append-only'); END;
        CREATE TRIGGER unread_notices_append_only_delete BEFORE DELETE ON unread_notices
        BEGIN SELECT RAISE(ABORT, 'unread_notices is append-only'); END;
      `);
    },
  },
  {
    version: 60,
    name: 'sandbox money apart: the paid totals index also carries the sandbox flag',
    up(db) {
      // The history and day close total live and sandbox sales apart (sandbox money is not money);
      // with the flag in the index those totals are still answered from the index alone.
      db.exec(`
        DROP INDEX sales_by_status_created;
        CREATE INDEX sales_by_status_created ON sales (status, created_at, id, currency, amount_minor, overpaid, sandbox);
      `);
    },
  },
];

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
