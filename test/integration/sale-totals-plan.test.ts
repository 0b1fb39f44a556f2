// The kept totals' query walks the table's primary key for the whole buckets and the creation index
// for the edges: never a scan of the sales, whatever the range.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/pos/store/ledger';
import { totalsQuery } from '../../electron/pos/store/sale-totals';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
const ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'));
afterAll(() => {
  ledger.close();
  dir.remove();
});

function plan(filter: { from: string; to: string; status?: 'paid' }): string {
  const db = (ledger as unknown as { db: Database.Database }).db;
  const query = totalsQuery(filter);
  if (!query) throw new Error('empty range');
  return (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.values) as { detail: string }[]).map((row) => row.detail).join(' | ');
}

describe('the kept totals query', () => {
  it('reads whole buckets by the primary key and the edges by the creation index, never scanning the sales', () => {
    // A year of a shop at UTC+5:30: months, days, hours, and two edges of half an hour.
    for (const filter of [{ from: '2025-12-31T18:30:00.000Z', to: '2026-12-31T18:30:00.000Z' }, { from: '2026-11-25T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z', status: 'paid' as const }]) {
      const detail = plan(filter);
      expect(detail).toMatch(/SEARCH sale_totals USING PRIMARY KEY \(span=\? AND bucket>\? AND bucket<\?\)/);
      expect(detail).not.toMatch(/SCAN sales(?! USING)|SCAN sale_totals/);
    }
    expect(plan({ from: '2025-12-31T18:30:00.000Z', to: '2026-12-31T18:30:00.000Z' })).toMatch(/SEARCH s USING INDEX sales_by_created \(created_at>\? AND created_at<\?\)/);
  });
});
