// Migration 0100: refunds in the books: the 'partly-refunded' and 'refunded' statuses (tables rebuilt
// per SQLite's procedure), what a sale counts as takings and what was refunded, and the time money
// arrived on every sale that received some.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

// Each migration spells its own status list: a migration is history and never changes.
const STATUS_LIST_0100 = "'creating','pending','paid','failed','cancelled','expired','review','voided','partly-refunded','refunded'";

/** The sales columns as of 0080, in table order (copied as they are). */
const SALES_COLUMNS_0080 =
  'id, status, amount_minor, currency, note, created_at, updated_at, sandbox, blockchain, request_id, invoice_id, payment_page, ' +
  'crypto_amount, crypto_symbol, address, expires_at, webhook_url, failure, review_reason, review_detail, overpaid, paid_at, ' +
  'paid_crypto_amount, tx_hash, confirmation, key_fingerprint, tip_minor, cashier, linked_sale_id';

function rebuildSales(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sales_0100 (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN (${STATUS_LIST_0100})),
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
      tx_hash TEXT,
      confirmation TEXT CHECK (confirmation IS NULL OR confirmation IN ('chain-confirmed', 'recovered')),
      key_fingerprint TEXT,
      tip_minor INTEGER NOT NULL DEFAULT 0 CHECK (tip_minor >= 0),
      cashier TEXT,
      linked_sale_id TEXT REFERENCES sales (id),
      recognised_minor INTEGER CHECK (recognised_minor IS NULL OR recognised_minor >= 0),
      refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
      refunded_crypto TEXT
    ) STRICT;
    INSERT INTO sales_0100 (${SALES_COLUMNS_0080}) SELECT ${SALES_COLUMNS_0080} FROM sales;
    DROP TABLE sales;
    ALTER TABLE sales_0100 RENAME TO sales;
    CREATE INDEX sales_by_created ON sales (created_at, id);
    -- The history's figures (status, mode, currency, asked, recognised, refunded) from the index alone.
    CREATE INDEX sales_by_status_created ON sales (status, created_at, id, currency, amount_minor, overpaid, sandbox, recognised_minor, refunded_minor);
    CREATE UNIQUE INDEX sales_by_invoice ON sales (invoice_id) WHERE invoice_id IS NOT NULL;
    CREATE INDEX sales_by_tx_hash ON sales (tx_hash COLLATE NOCASE) WHERE tx_hash IS NOT NULL;
    CREATE INDEX sales_by_linked_sale ON sales (linked_sale_id) WHERE linked_sale_id IS NOT NULL;
  `);
}

function rebuildEvents(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sale_events_0100 (
      id INTEGER PRIMARY KEY,
      sale_id TEXT NOT NULL REFERENCES sales (id),
      at TEXT NOT NULL,
      from_status TEXT CHECK (from_status IS NULL OR from_status IN (${STATUS_LIST_0100})),
      to_status TEXT NOT NULL CHECK (to_status IN (${STATUS_LIST_0100})),
      cause TEXT NOT NULL,
      detail TEXT,
      notice_key TEXT
    ) STRICT;
    INSERT INTO sale_events_0100 (id, sale_id, at, from_status, to_status, cause, detail, notice_key)
      SELECT id, sale_id, at, from_status, to_status, cause, detail, notice_key FROM sale_events;
    DROP TABLE sale_events;
    ALTER TABLE sale_events_0100 RENAME TO sale_events;
    CREATE INDEX sale_events_by_sale ON sale_events (sale_id, id);
    CREATE UNIQUE INDEX sale_events_by_notice ON sale_events (notice_key) WHERE notice_key IS NOT NULL;
    CREATE TRIGGER sale_events_append_only_update BEFORE UPDATE ON sale_events
    BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
    CREATE TRIGGER sale_events_append_only_delete BEFORE DELETE ON sale_events
    BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
  `);
}

export const migration: Migration = {
  version: 100,
  name: 'refunds in the books: refund statuses, recognised and refunded amounts, paid_at whenever money arrived',
  rebuildsTables: true,
  up(db) {
    rebuildSales(db);
    rebuildEvents(db);
    // Money that arrived on a sale now in review (underpaid, late, another currency…) left paid_at
    // empty; it is the time of the first paid notice the sale's log holds.
    db.exec(`
      UPDATE sales SET paid_at = (
        SELECT min(at) FROM sale_events WHERE sale_events.sale_id = sales.id AND sale_events.cause = 'notice: paid'
      ) WHERE paid_at IS NULL AND paid_crypto_amount IS NOT NULL;
    `);
  },
};
