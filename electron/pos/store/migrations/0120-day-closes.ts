// Migration 0120: Z-reports: each closed day's report, numbered and kept for good, and the lines that
// say what each report counted for each sale (so a later change is an adjustment, never a rewrite).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 120,
  name: 'Z-reports: numbered, immutable day closes and the per-sale lines they counted',
  up(db) {
    // number: 1, 2, 3 … given inside the closing transaction as max + 1; rows are never deleted
    // (trigger), so a number is never given twice. event_cutoff and refund_cutoff: the last
    // sale_events and refunds rows the report saw; the next report looks at what came after.
    db.exec(`
      CREATE TABLE day_closes (
        number INTEGER PRIMARY KEY CHECK (number > 0),
        day TEXT NOT NULL UNIQUE,
        from_at TEXT NOT NULL,
        to_at TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        event_cutoff INTEGER NOT NULL,
        refund_cutoff INTEGER NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
      CREATE INDEX day_closes_by_range ON day_closes (from_at, to_at);
      CREATE TRIGGER day_closes_append_only_update BEFORE UPDATE ON day_closes
      BEGIN SELECT RAISE(ABORT, 'day_closes is append-only'); END;
      CREATE TRIGGER day_closes_append_only_delete BEFORE DELETE ON day_closes
      BEGIN SELECT RAISE(ABORT, 'day_closes is append-only'); END;

      CREATE TABLE day_close_lines (
        id INTEGER PRIMARY KEY,
        report_number INTEGER NOT NULL REFERENCES day_closes (number),
        sale_id TEXT NOT NULL REFERENCES sales (id),
        kind TEXT NOT NULL CHECK (kind IN ('day', 'reversal', 'rebook')),
        snapshot TEXT NOT NULL
      ) STRICT;
      CREATE INDEX day_close_lines_by_sale ON day_close_lines (sale_id, id);
      CREATE INDEX day_close_lines_by_report ON day_close_lines (report_number, id);
      CREATE TRIGGER day_close_lines_append_only_update BEFORE UPDATE ON day_close_lines
      BEGIN SELECT RAISE(ABORT, 'day_close_lines is append-only'); END;
      CREATE TRIGGER day_close_lines_append_only_delete BEFORE DELETE ON day_close_lines
      BEGIN SELECT RAISE(ABORT, 'day_close_lines is append-only'); END;
    `);
  },
};
