// Migration 0030: the owner's desk: history indexes with the id tiebreak, paid totals covered.
import type { Migration } from './migration';

export const migration: Migration = {
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
};
