// The one ledger surface: every read and write of the sales ledger the app makes, by name. Nothing
// outside store/ sees the SQLite connection; each statement is prepared once; a unit of work that
// spans several operations (a notice's record) runs in `transaction`.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { SALE_STATUSES, type Sale, type SaleStatus } from '../../../shared/sale';
import { Connection } from './connection';
import { openDatabase, type OpenOptions } from './database';
import type { Refund } from '../../../shared/books';
import { DayCloses, type LineKind, type SaleOfClosedDay, type StoredDayClose } from './day-closes';
import { HistoryQueries, type HistoryFilter, type PageQuery, type SelectionGroup, type StatusCounts } from './history-queries';
import { RefundsTable, type NewRefund } from './refunds';
import { SaleTotals, type TotalsGroup } from './sale-totals';
import { InvoiceKeys } from './invoice-keys';
import { ReplicationReads } from './replication-reads';
import type { EventInput, NewSale, SaleEvent, SalePatch } from './sale-rows';
import { SalesTable, type SaleQuery } from './sales';
import { UnreadNotices, type UnreadNotice } from './unread-notices';

/** Candidates of a recovery pass read between two turns of the loop. */
const RECOVERY_PAGE_SALES = 100;

export type { EventInput, NewSale, SaleEvent, SalePatch } from './sale-rows';
export type { HistoryFilter, PageQuery, SelectionGroup, StatusCounts } from './history-queries';
export type { TotalsGroup } from './sale-totals';
export type { LineKind, SaleOfClosedDay, StoredDayClose } from './day-closes';
export type { NewRefund } from './refunds';
export type { SaleQuery } from './sales';
export type { UnreadNotice } from './unread-notices';
export type { ReplicationBatch, ReplicationEvent, ReplicationReads } from './replication-reads';

/** How many pending sales the stranded-sales warning looks at, newest first. */
const STRANDED_SCAN_LIMIT = 1000;

export class Ledger {
  private readonly connection: Connection;
  private readonly sales: SalesTable;
  private readonly keys: InvoiceKeys;
  private readonly unread: UnreadNotices;
  private readonly history: HistoryQueries;
  private readonly refunds: RefundsTable;
  private readonly totals: SaleTotals;
  private readonly dayCloses: DayCloses;
  /** What replication to the shop ledger reads, and its counter id and cursor (issue 15). */
  readonly replication: ReplicationReads;

  /** Opens (and migrates) the ledger file; `targetVersion` stops at an older schema (migration tests). */
  static open(file: string, options: Omit<OpenOptions, 'readonly'> = {}): Ledger {
    return new Ledger(openDatabase(file, options));
  }

  private constructor(private readonly db: Database.Database) {
    this.connection = new Connection(db);
    this.sales = new SalesTable(this.connection);
    this.keys = new InvoiceKeys(this.connection);
    this.unread = new UnreadNotices(this.connection);
    this.history = new HistoryQueries(this.connection);
    this.refunds = new RefundsTable(this.connection);
    this.totals = new SaleTotals(this.connection);
    this.dayCloses = new DayCloses(this.connection);
    this.replication = new ReplicationReads(this.connection);
  }

  /** Runs several operations as one unit: all of them are committed, or none. */
  transaction<T>(work: () => T): T {
    return this.connection.transaction(work);
  }

  close(): void {
    this.db.close();
  }

  /** A consistent copy of the ledger into `file` while the app keeps running (SQLite's online backup). */
  async backupTo(file: string): Promise<void> {
    await this.db.backup(file);
  }

  // --- per-install values (the meta table) ---
  getMeta(key: string): string | null {
    const row = this.connection.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.connection.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** A value made once per install (a token, a key, a salt) and kept in the meta table from then on. */
  installValue(key: string, make: () => string): string {
    return this.connection.transaction(() => {
      const existing = this.getMeta(key);
      if (existing) return existing;
      const value = make();
      this.setMeta(key, value);
      return value;
    });
  }

  // --- sales and their log ---
  getSale = (id: string): Sale | null => this.sales.get(id);
  getSaleByRequestId = (requestId: string): Sale | null => this.sales.byRequestId(requestId);
  getSaleByInvoiceId = (invoiceId: string): Sale | null => this.sales.byInvoiceId(invoiceId);
  listSales = (query: SaleQuery): Sale[] => this.sales.list(query);
  events = (saleId: string): SaleEvent[] => this.sales.events(saleId);
  /** Inserts a sale and its first event in one transaction. */
  insertSale = (sale: NewSale, at: string, event: EventInput): Sale => this.sales.insert(sale, at, event);
  /** Moves a sale out of one of `from` into `to` with its event; null (nothing changed) when it is no longer in `from`. */
  transition = (id: string, from: readonly SaleStatus[], to: SaleStatus, at: string, patch: SalePatch, event: EventInput): Sale | null =>
    this.sales.transition(id, from, to, at, patch, event);
  /** Records an event on a sale in one of `expected` without moving it; null when it is in none of them. */
  appendEvent = (id: string, expected: readonly SaleStatus[], at: string, event: EventInput, patch?: SalePatch): Sale | null =>
    this.sales.appendEvent(id, expected, at, event, patch);
  /** Whether a notice with this key was recorded already. */
  hasNotice = (noticeKey: string): boolean => this.sales.hasNotice(noticeKey);
  /** Pending sales whose invoice ran out by `at`, the longest expired first, at most `limit`. */
  salesDueToExpire = (at: string, limit: number): Sale[] => this.sales.dueToExpire(at, limit);
  /** The sales charged to complete this one ("charge the difference"), oldest first. */
  salesLinkedTo = (saleId: string): Sale[] => this.sales.linkedTo(saleId);
  /**
   * Live pending or expired sales created at or after `since`, oldest first, at most `limit`: what
   * recovery asks the chain about. Read by id a page at a time with the loop handed back between
   * pages, so a thousand candidates never hold the webhook listener (one query for all held it
   * 90–170 ms on the bench's million-sale ledger). A sale paid meanwhile comes back paid.
   */
  async recoveryCandidates(since: string, limit = 1000): Promise<Sale[]> {
    const ids = this.sales.recoveryCandidateIds(since, limit);
    const sales: Sale[] = [];
    for (let start = 0; start < ids.length; start += RECOVERY_PAGE_SALES) {
      if (start > 0) await yieldToLoop();
      for (const id of ids.slice(start, start + RECOVERY_PAGE_SALES)) {
        const sale = this.sales.get(id);
        if (sale) sales.push(sale);
      }
    }
    return sales;
  }
  /** Whether a transaction hash is already some sale's (with or without 0x, in any case). */
  isHashClaimed = (hash: string): boolean => this.sales.isHashClaimed(hash);
  countPendingLive = (): number => this.sales.countPendingLive();
  /** Sales being created or waiting for payment (the updater never installs while there is one). */
  countOpenSales = (): number => this.sales.countOpenSales();
  /** Pending live sales whose notice goes to another URL than `currentUrl` (the newest 1,000 looked at). */
  strandedPending = (currentUrl: string): { count: number; newestWebhookUrl: string } | null => this.sales.strandedPending(currentUrl, STRANDED_SCAN_LIMIT);

  // --- the keys that made invoices ---
  keyFingerprintOf = (saleId: string): string | null => this.keys.ofSale(saleId);
  rememberInvoiceKey = (fingerprint: string, sandbox: boolean, at: string, openUntil: string): void => this.keys.remember(fingerprint, sandbox, at, openUntil);
  isOpenLiveKey = (fingerprint: string, at: string): boolean => this.keys.isOpenLive(fingerprint, at);
  backfillKeyFingerprints = (sandbox: boolean, fingerprint: string): number => this.keys.backfill(sandbox, fingerprint);

  // --- keyed notices that could not be read ---
  recordUnreadNotice = (notice: UnreadNotice): boolean => this.unread.record(notice);
  unreadNoticesSince = (at: string): ReturnType<UnreadNotices['since']> => this.unread.since(at);

  // --- the owner's desk ---
  historyPage = (query: PageQuery): Sale[] => this.history.page(query);
  /** The sales matching every filter, grouped by status, mode and currency. */
  selection = (filter: HistoryFilter): SelectionGroup[] => this.history.selection(filter);
  /** How many sales match, per status (every status, zeros included). */
  statusCounts = (filter: HistoryFilter): StatusCounts => {
    const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
    const groups = filter.search?.trim() ? this.history.selection(filter) : this.totals.groups(filter);
    for (const group of groups) counts[group.status] += group.count;
    return counts;
  };
  /** Every sale created in the range, oldest first. */
  salesIn = (range: { from: string; to: string }): Sale[] => this.history.salesIn(range);
  /** The sales of the range waiting for the owner, oldest first. */
  reviewIn = (range: { from: string; to: string }): Sale[] => this.history.reviewIn(range);
  /** What the sales created in the range add to the books, per key, from the kept totals (a few rows whatever the range). */
  totalsIn = (filter: { from: string; to: string; status?: SaleStatus }): TotalsGroup[] => this.totals.groups(filter);

  // --- refunds (call inside `transaction` together with the sale's transition) ---
  insertRefund = (refund: NewRefund): number => this.refunds.insert(refund);
  refundsOf = (saleId: string): Refund[] => this.refunds.ofSale(saleId);
  refundsAfter = (afterId: number): Refund[] => this.refunds.after(afterId);
  lastRefundId = (): number => this.refunds.lastId();

  // --- Z-reports (closing runs inside `transaction`) ---
  dayCloseByDay = (day: string): StoredDayClose | null => this.dayCloses.byDay(day);
  dayCloseByNumber = (number: number): StoredDayClose | null => this.dayCloses.byNumber(number);
  latestDayClose = (): StoredDayClose | null => this.dayCloses.latest();
  listDayCloses = (limit: number): StoredDayClose[] => this.dayCloses.list(limit);
  insertDayClose = (close: Omit<StoredDayClose, 'number' | 'report'>, report: (number: number) => string): number => this.dayCloses.insert(close, report);
  addDayCloseLine = (reportNumber: number, saleId: string, kind: LineKind, snapshot: string): void => this.dayCloses.addLine(reportNumber, saleId, kind, snapshot);
  lastCountedLine = (saleId: string): { reportNumber: number; snapshot: string } | null => this.dayCloses.lastCounted(saleId);
  lastEventId = (): number => this.dayCloses.lastEventId();
  changedInClosedDays = (afterEventId: number, exceptDay: string): SaleOfClosedDay[] => this.dayCloses.changedInClosedDays(afterEventId, exceptDay);
}
