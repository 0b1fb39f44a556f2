// What replication to the shop ledger (pos/shop/) reads from this ledger, and the one thing it keeps
// here: this counter's id (made once) and its cursor, both in the meta table. A batch is read in one
// read transaction (a snapshot: no write lock, so selling never waits), so each sale row matches the
// events read with it; the row is the sale as it is now, with the id of its newest event.
import { randomUUID } from 'node:crypto';
import type { Connection } from './connection';
import { type EventRow } from './sale-rows';

const COUNTER_ID_KEY = 'shop_counter_id';
/** The highest event id the shop ledger confirmed committed: every event up to it is there. */
const CURSOR_KEY = 'shop_ledger_cursor';

/** One sale_events row as stored (detail as its JSON text, exactly). */
export type ReplicationEvent = EventRow;

export interface ReplicationBatch {
  events: ReplicationEvent[];
  /** Every sale the events touch, as its whole row (whatever columns this schema has), with its newest event id. */
  sales: { row: Record<string, unknown>; lastEventId: number }[];
  firstEventId: number;
  lastEventId: number;
}

const EVENTS_AFTER = 'SELECT * FROM sale_events WHERE id > ? ORDER BY id LIMIT ?';
const SALES_OF_EVENTS = `SELECT s.*, (SELECT max(e.id) FROM sale_events e WHERE e.sale_id = s.id) AS replication_last_event_id
  FROM sales s WHERE s.id IN (SELECT sale_id FROM sale_events WHERE id > ? AND id <= ?)`;

export class ReplicationReads {
  constructor(private readonly connection: Connection) {}

  private meta(key: string): string | null {
    const row = this.connection.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** This counter's id in the shop ledger: a UUID made the first time it is asked for, then kept. */
  counterId(): string {
    return this.connection.transaction(() => {
      const existing = this.meta(COUNTER_ID_KEY);
      if (existing) return existing;
      const made = randomUUID();
      this.connection.statement('INSERT INTO meta (key, value) VALUES (?, ?)').run(COUNTER_ID_KEY, made);
      return made;
    });
  }

  cursor(): number {
    const value = Number(this.meta(CURSOR_KEY) ?? 0);
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  }

  /** Moves the cursor forward (never back) once the shop ledger has committed everything up to `eventId`. */
  advanceCursor(eventId: number): void {
    this.connection.transaction(() => {
      if (eventId <= this.cursor()) return;
      this.writeCursor(eventId);
    });
  }

  /**
   * Moves the cursor back to what the shop ledger says it holds (a new or restored shop database):
   * the events after it are sent again, and those the server has are recognised, not doubled.
   */
  rewindCursor(eventId: number): void {
    this.writeCursor(eventId);
  }

  private writeCursor(eventId: number): void {
    this.connection.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(CURSOR_KEY, String(eventId));
  }

  /** The next `limit` events after `cursor` and the sales they touch, from one snapshot; null when there are none. */
  batchAfter(cursor: number, limit: number): ReplicationBatch | null {
    return this.connection.db.transaction(() => {
      const rows = this.connection.statement(EVENTS_AFTER).all(cursor, limit) as EventRow[];
      const last = rows.at(-1);
      if (!last) return null;
      const saleRows = this.connection.statement(SALES_OF_EVENTS).all(cursor, last.id) as Record<string, unknown>[];
      const sales = saleRows.map(({ replication_last_event_id: lastEventId, ...row }) => ({ row, lastEventId: Number(lastEventId) }));
      return { events: rows, sales, firstEventId: (rows[0] as EventRow).id, lastEventId: last.id };
    }).deferred();
  }

  /**
   * How many events the shop ledger does not have yet. The log is append-only (triggers refuse updates
   * and deletes), so its ids have no gaps and this is a subtraction, not a count over 100,000 rows.
   */
  waitingAfter(cursor: number): number {
    return Math.max(0, this.lastEventId() - cursor);
  }

  /** The newest event id in this ledger (0 when empty). */
  lastEventId(): number {
    return (this.connection.statement('SELECT coalesce(max(id), 0) AS id FROM sale_events').get() as { id: number }).id;
  }
}
