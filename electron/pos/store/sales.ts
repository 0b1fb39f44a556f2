// The sales and their append-only log (sale_events). Every change of a sale goes through here: a
// transition moves it out of one of the expected statuses and appends the event that says why, in
// one transaction; appendEvent records something that happened without moving it.
import { canTransition, type Sale, type SaleStatus } from '../../../shared/sale';
import type { Connection } from './connection';
import { patchColumns, rowToEvent, rowToSale, type EventInput, type EventRow, type NewSale, type SaleEvent, type SalePatch, type SaleRow } from './sale-rows';

export interface SaleQuery {
  from?: string;
  to?: string;
  status?: SaleStatus;
  limit?: number;
}

const DEFAULT_LIST_LIMIT = 200;

/**
 * Exported for the plan test. Named: without statistics the planner prefers the status index and reads
 * every pending sale's row for its expiry (tens of thousands on a big ledger, every 15 s).
 */
export const DUE_TO_EXPIRE = "SELECT * FROM sales INDEXED BY sales_pending_by_expiry WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?";

const INSERT_EVENT = `INSERT INTO sale_events (sale_id, at, from_status, to_status, cause, detail, notice_key)
  VALUES (@saleId, @at, @fromStatus, @toStatus, @cause, @detail, @noticeKey)`;

export class SalesTable {
  constructor(private readonly connection: Connection) {}

  private one(sql: string, ...params: unknown[]): Sale | null {
    const row = this.connection.statement(sql).get(...params) as SaleRow | undefined;
    return row ? rowToSale(row) : null;
  }

  private many(sql: string, ...params: unknown[]): Sale[] {
    return (this.connection.statement(sql).all(...params) as SaleRow[]).map(rowToSale);
  }

  get(id: string): Sale | null {
    return this.one('SELECT * FROM sales WHERE id = ?', id);
  }

  byRequestId(requestId: string): Sale | null {
    return this.one('SELECT * FROM sales WHERE request_id = ?', requestId);
  }

  byInvoiceId(invoiceId: string): Sale | null {
    return this.one('SELECT * FROM sales WHERE invoice_id = ?', invoiceId);
  }

  /** Whether a notice with this key was recorded already (the unique index makes a repeat a no-op). */
  hasNotice(noticeKey: string): boolean {
    return this.connection.statement('SELECT 1 FROM sale_events WHERE notice_key = ?').get(noticeKey) !== undefined;
  }

  /** Inserts a sale and its first event in one transaction. */
  insert(sale: NewSale, at: string, event: EventInput): Sale {
    return this.connection.transaction(() => {
      const columns: [string, string | number | null][] = [
        ['id', sale.id],
        ['status', sale.status],
        ['amount_minor', sale.amountMinor],
        ['currency', sale.currency],
        ['note', sale.note],
        ['created_at', at],
        ['updated_at', at],
        ['sandbox', sale.sandbox ? 1 : 0],
        ['blockchain', sale.blockchain],
        ['request_id', sale.requestId],
        ['webhook_url', sale.webhookUrl],
        // Only when given: a ledger at a schema before 0050 (a migration test) has no such column.
        ...(sale.keyFingerprint ? [['key_fingerprint', sale.keyFingerprint] as [string, string]] : []),
        // Likewise before 0080: only what a sale has.
        ...(sale.tipMinor ? [['tip_minor', sale.tipMinor] as [string, number]] : []),
        ...(sale.cashier ? [['cashier', sale.cashier] as [string, string]] : []),
        ...(sale.linkedSaleId ? [['linked_sale_id', sale.linkedSaleId] as [string, string]] : []),
        ...patchColumns(sale.patch ?? {}),
      ];
      const names = columns.map(([name]) => name);
      const sql = `INSERT INTO sales (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
      this.connection.statement(sql).run(...columns.map(([, value]) => value));
      this.insertEvent(sale.id, at, null, sale.status, event);
      return this.get(sale.id) as Sale;
    });
  }

  /**
   * Moves a sale from one of `from` to `to` (which may be its own status, to change facts only) and
   * appends the event, atomically. Null, changing nothing, when the sale is no longer in `from`.
   */
  transition(id: string, from: readonly SaleStatus[], to: SaleStatus, at: string, patch: SalePatch, event: EventInput): Sale | null {
    return this.connection.transaction(() => {
      const current = this.get(id);
      if (!current || !from.includes(current.status)) return null;
      if (to !== current.status && !canTransition(current.status, to)) throw new Error(`A sale cannot go from ${current.status} to ${to}`);
      this.update(current, to, at, patch);
      this.insertEvent(id, at, current.status, to, event);
      return this.get(id);
    });
  }

  /**
   * Records that something happened to a sale in one of `expected` (a notice that changes nothing, a
   * check that could not be made) without moving it; `patch` keeps facts learnt with it (an invoice's
   * details, a confirmation). Null, changing nothing, when the sale is in none of them.
   */
  appendEvent(id: string, expected: readonly SaleStatus[], at: string, event: EventInput, patch: SalePatch = {}): Sale | null {
    return this.connection.transaction(() => {
      const current = this.get(id);
      if (!current || !expected.includes(current.status)) return null;
      this.update(current, current.status, at, patch);
      this.insertEvent(id, at, current.status, current.status, event);
      return this.get(id);
    });
  }

  private update(current: Sale, status: SaleStatus, at: string, patch: SalePatch): void {
    const changes = patchColumns(patch);
    const sql = `UPDATE sales SET status = ?, updated_at = ?${changes.map(([column]) => `, ${column} = ?`).join('')} WHERE id = ? AND status = ?`;
    this.connection.statement(sql).run(status, at, ...changes.map(([, value]) => value), current.id, current.status);
  }

  private insertEvent(saleId: string, at: string, fromStatus: SaleStatus | null, toStatus: SaleStatus, event: EventInput): void {
    this.connection.statement(INSERT_EVENT).run({
      saleId,
      at,
      fromStatus,
      toStatus,
      cause: event.cause,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      noticeKey: event.noticeKey ?? null,
    });
  }

  events(saleId: string): SaleEvent[] {
    return (this.connection.statement('SELECT * FROM sale_events WHERE sale_id = ? ORDER BY id').all(saleId) as EventRow[]).map(rowToEvent);
  }

  /** Newest first, within a time range and status. */
  list(query: SaleQuery): Sale[] {
    const where: string[] = [];
    const values: Record<string, string | number> = { limit: query.limit ?? DEFAULT_LIST_LIMIT };
    for (const [key, condition] of [['from', 'created_at >= @from'], ['to', 'created_at < @to'], ['status', 'status = @status']] as const) {
      const value = query[key];
      if (!value) continue;
      where.push(condition);
      values[key] = value;
    }
    return this.many(`SELECT * FROM sales ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`, values);
  }

  /** The sales that complete this one ("charge the difference"), oldest first (index sales_by_linked_sale). */
  linkedTo(id: string): Sale[] {
    return this.many('SELECT * FROM sales WHERE linked_sale_id = ? ORDER BY created_at, id', id);
  }

  /** Pending sales whose invoice has expired by `at`, the longest expired first, at most `limit` (index sales_pending_by_expiry). */
  dueToExpire(at: string, limit: number): Sale[] {
    return this.many(DUE_TO_EXPIRE, at, limit);
  }

  /**
   * The ids of live (not sandbox) pending or expired sales created at or after `since`, oldest first:
   * what recovery asks the chain about. The status index alone answers (it holds created_at, id and
   * sandbox), so sorting them reads no sale; the sales are read by id after.
   */
  recoveryCandidateIds(since: string, limit: number): string[] {
    const rows = this.connection.statement("SELECT id FROM sales WHERE status IN ('pending', 'expired') AND created_at >= ? AND sandbox = 0 ORDER BY created_at, id LIMIT ?").all(since, limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Whether a transaction hash is already recorded for a sale, with or without 0x, in any case (index sales_by_tx_hash). */
  isHashClaimed(hash: string): boolean {
    const bare = hash.trim().replace(/^0x/i, '');
    return this.connection.statement('SELECT 1 FROM sales WHERE tx_hash COLLATE NOCASE IN (?, ?) LIMIT 1').get(bare, `0x${bare}`) !== undefined;
  }

  /** How many sales, sandbox or live, are being created or wait for payment: a customer may be paying now. */
  countOpenSales(): number {
    return (this.connection.statement("SELECT count(*) AS n FROM sales WHERE status IN ('creating', 'pending')").get() as { n: number }).n;
  }

  /** How many live sales are pending (from the status index alone). */
  countPendingLive(): number {
    return (this.connection.statement("SELECT count(*) AS n FROM sales WHERE status = 'pending' AND sandbox = 0").get() as { n: number }).n;
  }

  /**
   * Among the newest `scanLimit` pending live sales, those whose invoice sends its notice somewhere
   * other than `currentUrl`: how many, and the newest one's webhook URL.
   */
  strandedPending(currentUrl: string, scanLimit: number): { count: number; newestWebhookUrl: string } | null {
    const row = this.connection
      .statement(
        `SELECT count(*) AS count, max(created_at) AS newest, webhook_url FROM (
           SELECT created_at, webhook_url FROM sales WHERE status = 'pending' AND sandbox = 0 ORDER BY created_at DESC, id DESC LIMIT ?
         ) WHERE webhook_url IS NOT NULL AND webhook_url <> ?`,
      )
      .get(scanLimit, currentUrl) as { count: number; webhook_url: string | null };
    return row.count > 0 && row.webhook_url !== null ? { count: row.count, newestWebhookUrl: row.webhook_url } : null;
  }
}
