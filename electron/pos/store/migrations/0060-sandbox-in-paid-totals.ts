// Migration 0060: sandbox money apart: the paid totals index also carries the sandbox flag.
import type { Migration } from './migration';

export const migration: Migration = {
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
};
