// Migration 0140: what the start and the expiry sweep look for, found without reading every sale.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 140,
  name: 'pending sales by expiry, sales without a key fingerprint',
  up(db) {
    // Both are partial indexes, so they hold only the few rows the queries want: the pending sales
    // (the sweep every 15 s and at start: "which invoices ran out?"), and the sales from before key
    // fingerprints (stamped once at start). Without them each of the two read the whole table, which
    // on a ledger of a million sales took most of a second at every start.
    db.exec(`
      CREATE INDEX sales_pending_by_expiry ON sales (expires_at) WHERE status = 'pending';
      CREATE INDEX sales_without_key_fingerprint ON sales (sandbox) WHERE key_fingerprint IS NULL;
    `);
  },
};
