// Migration 0110: refunds made outside the app (from the shop's wallet), recorded one row each.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 110,
  name: 'refunds recorded: the crypto sent back, its transaction, its fiat value, who and why',
  up(db) {
    // Append-only like the sale log: a refund recorded by mistake is answered by the owner's note,
    // never by rewriting the books. The sale's own refunded_minor and refunded_crypto (0100) are the
    // running sums, kept in the same transaction as each row here.
    db.exec(`
      CREATE TABLE refunds (
        id INTEGER PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales (id),
        at TEXT NOT NULL,
        crypto_amount TEXT NOT NULL,
        token TEXT NOT NULL,
        fiat_minor INTEGER NOT NULL CHECK (fiat_minor >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        tx_hash TEXT NOT NULL,
        reason TEXT NOT NULL,
        by_role TEXT CHECK (by_role IS NULL OR by_role IN ('owner', 'cashier')),
        by_name TEXT
      ) STRICT;
      CREATE INDEX refunds_by_sale ON refunds (sale_id, id);
      CREATE TRIGGER refunds_append_only_update BEFORE UPDATE ON refunds
      BEGIN SELECT RAISE(ABORT, 'refunds is append-only'); END;
      CREATE TRIGGER refunds_append_only_delete BEFORE DELETE ON refunds
      BEGIN SELECT RAISE(ABORT, 'refunds is append-only'); END;
    `);
  },
};
