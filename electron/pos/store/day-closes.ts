// Z-reports as the ledger keeps them (migration 0120): the report itself (JSON, never changed) and
// the per-sale lines that say what it counted, so the next report can tell what changed since.
import type { Sale } from '../../../shared/sale';
import type { Connection } from './connection';
import { rowToSale, type SaleRow } from './sale-rows';

export interface StoredDayClose {
  number: number;
  day: string;
  fromAt: string;
  toAt: string;
  generatedAt: string;
  eventCutoff: number;
  refundCutoff: number;
  /** The report as JSON text (parsed by the owner's desk with its schema). */
  report: string;
}

export type LineKind = 'day' | 'reversal' | 'rebook';

/** A sale of an already closed day, with that day and the report that closed it. */
export interface SaleOfClosedDay {
  sale: Sale;
  day: string;
}

interface DayCloseRow {
  number: number;
  day: string;
  from_at: string;
  to_at: string;
  generated_at: string;
  event_cutoff: number;
  refund_cutoff: number;
  report: string;
}

const toStored = (row: DayCloseRow): StoredDayClose => ({
  number: row.number,
  day: row.day,
  fromAt: row.from_at,
  toAt: row.to_at,
  generatedAt: row.generated_at,
  eventCutoff: row.event_cutoff,
  refundCutoff: row.refund_cutoff,
  report: row.report,
});

export class DayCloses {
  constructor(private readonly connection: Connection) {}

  private one(sql: string, ...params: unknown[]): StoredDayClose | null {
    const row = this.connection.statement(sql).get(...params) as DayCloseRow | undefined;
    return row ? toStored(row) : null;
  }

  byDay(day: string): StoredDayClose | null {
    return this.one('SELECT * FROM day_closes WHERE day = ?', day);
  }

  byNumber(number: number): StoredDayClose | null {
    return this.one('SELECT * FROM day_closes WHERE number = ?', number);
  }

  latest(): StoredDayClose | null {
    return this.one('SELECT * FROM day_closes ORDER BY number DESC LIMIT 1');
  }

  /** Newest first. */
  list(limit: number): StoredDayClose[] {
    return (this.connection.statement('SELECT * FROM day_closes ORDER BY number DESC LIMIT ?').all(limit) as DayCloseRow[]).map(toStored);
  }

  /** Stores a report under the next number (max + 1: rows are never deleted, so no number comes twice). */
  insert(close: Omit<StoredDayClose, 'number' | 'report'>, report: (number: number) => string): number {
    const { next } = this.connection.statement('SELECT coalesce(max(number), 0) + 1 AS next FROM day_closes').get() as { next: number };
    this.connection
      .statement(
        `INSERT INTO day_closes (number, day, from_at, to_at, generated_at, event_cutoff, refund_cutoff, report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(next, close.day, close.fromAt, close.toAt, close.generatedAt, close.eventCutoff, close.refundCutoff, report(next));
    return next;
  }

  addLine(reportNumber: number, saleId: string, kind: LineKind, snapshot: string): void {
    this.connection.statement('INSERT INTO day_close_lines (report_number, sale_id, kind, snapshot) VALUES (?, ?, ?, ?)').run(reportNumber, saleId, kind, snapshot);
  }

  /** What the reports last counted for a sale (its latest day or rebook line) and in which report; null when never counted. */
  lastCounted(saleId: string): { reportNumber: number; snapshot: string } | null {
    const row = this.connection
      .statement("SELECT report_number, snapshot FROM day_close_lines WHERE sale_id = ? AND kind IN ('day', 'rebook') ORDER BY id DESC LIMIT 1")
      .get(saleId) as { report_number: number; snapshot: string } | undefined;
    return row ? { reportNumber: row.report_number, snapshot: row.snapshot } : null;
  }

  /** The last sale_events row: what a report has seen. */
  lastEventId(): number {
    return (this.connection.statement('SELECT coalesce(max(id), 0) AS id FROM sale_events').get() as { id: number }).id;
  }

  /**
   * Sales with a sale_events row after `afterEventId` (changed, or made) whose creation falls in a day
   * already closed, other than `exceptDay`; with that day.
   */
  changedInClosedDays(afterEventId: number, exceptDay: string): SaleOfClosedDay[] {
    const rows = this.connection
      .statement(
        `SELECT sales.*, d.day AS closed_day FROM sales
           JOIN day_closes d ON sales.created_at >= d.from_at AND sales.created_at < d.to_at
         WHERE sales.id IN (SELECT DISTINCT sale_id FROM sale_events WHERE id > ?) AND d.day <> ?
         ORDER BY sales.created_at, sales.id`,
      )
      .all(afterEventId, exceptDay) as (SaleRow & { closed_day: string })[];
    return rows.map((row) => ({ sale: rowToSale(row), day: row.closed_day }));
  }
}
