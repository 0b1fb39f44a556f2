// Migration 0040: payments checked on the blockchain: the confirmation source, hashes indexed for recovery.
import type { Migration } from './migration';

export const migration: Migration = {
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
};
