// Migration 0050: each sale's key fingerprint, the keys of open invoices, keyed notices that could not be read.
import type { Migration } from './migration';

export const migration: Migration = {
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
};
