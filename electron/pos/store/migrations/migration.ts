// The shape of one schema migration; one file per migration in this folder, numbered with gaps.
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
