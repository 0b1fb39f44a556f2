// Migration 0010: sales and their append-only event log.
import type { Migration } from './migration';

// Each migration spells its own status list: a migration is history and never changes.
const STATUS_LIST = "'creating','pending','paid','failed','cancelled','expired','review'";

export const migration: Migration = {
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
};
