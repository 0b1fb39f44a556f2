// Migration 0070: recorded transaction hashes found in any case.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 70,
  name: 'recorded transaction hashes looked up in any case',
  up(db) {
    // Same name, case-insensitive: recovery asks "is this transaction already some sale's?" for each
    // transfer it finds, and a hash may have been recorded as 0xABC… by a notice or by the owner.
    db.exec(`
      DROP INDEX sales_by_tx_hash;
      CREATE INDEX sales_by_tx_hash ON sales (tx_hash COLLATE NOCASE) WHERE tx_hash IS NOT NULL;
    `);
  },
};
