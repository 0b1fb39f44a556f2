// The sales ledger. Every status change goes through `transition`, which updates the row only if
// it is still in the expected status and appends its sale_events row in the same transaction.
import type Database from 'better-sqlite3';
import { canTransition, type Confirmation, type ReviewReason, type Sale, type SaleStatus } from '../../../shared/sale';
import type { Blockchain } from '../../../shared/mitilena';

interface SaleRow {
  id: string;
  status: SaleStatus;
  amount_minor: number;
  currency: string;
  note: string;
  created_at: string;
  updated_at: string;
  sandbox: number;
  blockchain: Blockchain;
  request_id: string | null;
  invoice_id: string | null;
  payment_page: string | null;
  crypto_amount: string | null;
  crypto_symbol: string | null;
  address: string | null;
  expires_at: string | null;
  webhook_url: string | null;
  failure: string | null;
  review_reason: ReviewReason | null;
  review_detail: string | null;
  overpaid: number;
  paid_at: string | null;
  paid_crypto_amount: string | null;
  tx_hash: string | null;
  /** Absent on a ledger older than migration 0040 (migration tests read those). */
  confirmation?: Confirmation | null;
}

/** Columns a transition may set, in the Sale's own names. */
export type SalePatch = Partial<
  Pick<
    Sale,
    | 'invoiceId'
    | 'paymentPage'
    | 'cryptoAmount'
    | 'cryptoSymbol'
    | 'address'
    | 'expiresAt'
    | 'failure'
    | 'reviewReason'
    | 'reviewDetail'
    | 'overpaid'
    | 'paidAt'
    | 'paidCryptoAmount'
    | 'txHash'
    | 'confirmation'
  >
>;

const PATCH_COLUMNS: Readonly<Record<keyof SalePatch, string>> = {
  invoiceId: 'invoice_id',
  paymentPage: 'payment_page',
  cryptoAmount: 'crypto_amount',
  cryptoSymbol: 'crypto_symbol',
  address: 'address',
  expiresAt: 'expires_at',
  failure: 'failure',
  reviewReason: 'review_reason',
  reviewDetail: 'review_detail',
  overpaid: 'overpaid',
  paidAt: 'paid_at',
  paidCryptoAmount: 'paid_crypto_amount',
  txHash: 'tx_hash',
  confirmation: 'confirmation',
};

export interface NewSale {
  id: string;
  status: SaleStatus;
  amountMinor: number;
  currency: string;
  note: string;
  sandbox: boolean;
  blockchain: Blockchain;
  requestId: string | null;
  webhookUrl: string | null;
  /** HMAC fingerprint of the key that makes this sale's invoice (see notice-keys.ts); null when unknown. */
  keyFingerprint?: string | null;
  patch?: SalePatch;
}

/** A notice that carried a valid key but could not be read, as kept for the owner. */
export interface UnreadNotice {
  at: string;
  saleId: string | null;
  reason: string;
  /** The notice as received, with every copy of the key redacted. */
  body: string;
  bodySha256: string;
}

export interface SaleEvent {
  id: number;
  saleId: string;
  at: string;
  fromStatus: SaleStatus | null;
  toStatus: SaleStatus;
  cause: string;
  detail: unknown;
  noticeKey: string | null;
}

export interface EventInput {
  cause: string;
  detail?: unknown;
  noticeKey?: string | null;
}

export interface SaleQuery {
  from?: string;
  to?: string;
  status?: SaleStatus;
  limit?: number;
}

const DEFAULT_LIST_LIMIT = 200;

export function rowToSale(row: SaleRow): Sale {
  return {
    id: row.id,
    status: row.status,
    amountMinor: row.amount_minor,
    currency: row.currency,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sandbox: row.sandbox === 1,
    blockchain: row.blockchain,
    invoiceId: row.invoice_id,
    paymentPage: row.payment_page,
    cryptoAmount: row.crypto_amount,
    cryptoSymbol: row.crypto_symbol,
    address: row.address,
    expiresAt: row.expires_at,
    webhookUrl: row.webhook_url,
    failure: row.failure,
    reviewReason: row.review_reason,
    reviewDetail: row.review_detail,
    overpaid: row.overpaid === 1,
    paidAt: row.paid_at,
    paidCryptoAmount: row.paid_crypto_amount,
    txHash: row.tx_hash,
    confirmation: row.confirmation ?? null,
  };
}

function patchValue(key: keyof SalePatch, value: SalePatch[keyof SalePatch]): string | number | null {
  if (key === 'overpaid') return value ? 1 : 0;
  return (value as string | null | undefined) ?? null;
}

export class SalesStore {
  private readonly byId: Database.Statement<[string], SaleRow>;
  private readonly byRequest: Database.Statement<[string], SaleRow>;
  private readonly byInvoice: Database.Statement<[string], SaleRow>;
  private readonly insertEvent: Database.Statement;
  private readonly noticeSeen: Database.Statement<[string], { one: number }>;
  private readonly dueToExpire: Database.Statement<[string], SaleRow>;
  private readonly metaGet: Database.Statement<[string], { value: string }>;
  private readonly metaSet: Database.Statement<[string, string]>;
  /** Statements on tables of later migrations, prepared at first use (tests open older schemas). */
  private readonly later = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM sales WHERE id = ?');
    this.byRequest = db.prepare('SELECT * FROM sales WHERE request_id = ?');
    this.byInvoice = db.prepare('SELECT * FROM sales WHERE invoice_id = ?');
    this.insertEvent = db.prepare(
      `INSERT INTO sale_events (sale_id, at, from_status, to_status, cause, detail, notice_key)
       VALUES (@saleId, @at, @fromStatus, @toStatus, @cause, @detail, @noticeKey)`,
    );
    this.noticeSeen = db.prepare('SELECT 1 AS one FROM sale_events WHERE notice_key = ?');
    this.dueToExpire = db.prepare(
      "SELECT * FROM sales WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY created_at",
    );
    this.metaGet = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.metaSet = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.later.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.later.set(sql, statement);
    }
    return statement;
  }

  /** The fingerprint of the key that made a sale's invoice; null for older sales and unknown ids. */
  keyFingerprintOf(saleId: string): string | null {
    const row = this.prepared('SELECT key_fingerprint FROM sales WHERE id = ?').get(saleId) as { key_fingerprint: string | null } | undefined;
    return row?.key_fingerprint ?? null;
  }

  /** Keeps a key's fingerprint recognised while any invoice it made may still be paid. */
  rememberInvoiceKey(fingerprint: string, sandbox: boolean, at: string, openUntil: string): void {
    this.prepared(
      `INSERT INTO invoice_keys (fingerprint, sandbox, first_used_at, open_until) VALUES (@fingerprint, @sandbox, @at, @openUntil)
       ON CONFLICT (fingerprint) DO UPDATE SET open_until = max(open_until, excluded.open_until)`,
    ).run({ fingerprint, sandbox: sandbox ? 1 : 0, at, openUntil });
  }

  /** Whether a live key with this fingerprint made an invoice that may still be paid at `at`. */
  isOpenLiveKey(fingerprint: string, at: string): boolean {
    return this.prepared('SELECT 1 FROM invoice_keys WHERE fingerprint = ? AND sandbox = 0 AND open_until > ?').get(fingerprint, at) !== undefined;
  }

  /** Stamps sales from before key fingerprints with the key of their mode (the one that verified them then). */
  backfillKeyFingerprints(sandbox: boolean, fingerprint: string): number {
    return this.prepared('UPDATE sales SET key_fingerprint = ? WHERE key_fingerprint IS NULL AND sandbox = ?').run(fingerprint, sandbox ? 1 : 0).changes;
  }

  /** Keeps an unreadable keyed notice; false when the very same body was kept before. */
  recordUnreadNotice(notice: UnreadNotice): boolean {
    const insert = this.prepared(
      `INSERT INTO unread_notices (at, sale_id, reason, body, body_sha256) VALUES (@at, @saleId, @reason, @body, @bodySha256)
       ON CONFLICT (body_sha256) DO NOTHING`,
    );
    return insert.run(notice).changes === 1;
  }

  /** How many unreadable keyed notices arrived since `at`, and the latest of them. */
  unreadNoticesSince(at: string): { count: number; latest: { at: string; reason: string; saleId: string | null } | null } {
    const latest = this.prepared('SELECT at, reason, sale_id FROM unread_notices WHERE at >= ? ORDER BY at DESC, id DESC LIMIT 1').get(at) as
      | { at: string; reason: string; sale_id: string | null }
      | undefined;
    if (!latest) return { count: 0, latest: null };
    const { count } = this.prepared('SELECT count(*) AS count FROM unread_notices WHERE at >= ?').get(at) as { count: number };
    return { count, latest: { at: latest.at, reason: latest.reason, saleId: latest.sale_id } };
  }

  getSale(id: string): Sale | null {
    const row = this.byId.get(id);
    return row ? rowToSale(row) : null;
  }

  getSaleByRequestId(requestId: string): Sale | null {
    const row = this.byRequest.get(requestId);
    return row ? rowToSale(row) : null;
  }

  getSaleByInvoiceId(invoiceId: string): Sale | null {
    const row = this.byInvoice.get(invoiceId);
    return row ? rowToSale(row) : null;
  }

  hasNotice(noticeKey: string): boolean {
    return this.noticeSeen.get(noticeKey) !== undefined;
  }

  /** Inserts a sale and its first event in one transaction. */
  insertSale(sale: NewSale, at: string, event: EventInput): Sale {
    return this.db.transaction(() => {
      const columns: Record<string, string | number | null> = {
        id: sale.id,
        status: sale.status,
        amount_minor: sale.amountMinor,
        currency: sale.currency,
        note: sale.note,
        created_at: at,
        updated_at: at,
        sandbox: sale.sandbox ? 1 : 0,
        blockchain: sale.blockchain,
        request_id: sale.requestId,
        webhook_url: sale.webhookUrl,
      };
      // Only when given: a ledger opened at an older schema (migration tests) has no such column.
      if (sale.keyFingerprint) columns.key_fingerprint = sale.keyFingerprint;
      for (const [key, value] of Object.entries(sale.patch ?? {}) as [keyof SalePatch, SalePatch[keyof SalePatch]][]) {
        columns[PATCH_COLUMNS[key]] = patchValue(key, value);
      }
      const names = Object.keys(columns);
      this.db
        .prepare(`INSERT INTO sales (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`)
        .run(columns);
      this.appendEvent(sale.id, at, null, sale.status, event);
      return this.getSale(sale.id) as Sale;
    })();
  }

  /**
   * Moves a sale from one of `from` to `to` (or keeps its status when `to` is null) and appends
   * the event, atomically. Returns null, changing nothing, when the sale is no longer in `from`.
   */
  transition(id: string, from: readonly SaleStatus[], to: SaleStatus | null, at: string, patch: SalePatch, event: EventInput): Sale | null {
    return this.db.transaction(() => {
      const current = this.getSale(id);
      if (!current || !from.includes(current.status)) return null;
      const next = to ?? current.status;
      if (next !== current.status && !canTransition(current.status, next)) {
        throw new Error(`A sale cannot go from ${current.status} to ${next}`);
      }
      const assignments = ['status = @status', 'updated_at = @at'];
      const values: Record<string, string | number | null> = { id, status: next, at, expected: current.status };
      for (const [key, value] of Object.entries(patch) as [keyof SalePatch, SalePatch[keyof SalePatch]][]) {
        assignments.push(`${PATCH_COLUMNS[key]} = @${key}`);
        values[key] = patchValue(key, value);
      }
      this.db.prepare(`UPDATE sales SET ${assignments.join(', ')} WHERE id = @id AND status = @expected`).run(values);
      this.appendEvent(id, at, current.status, next, event);
      return this.getSale(id);
    }).immediate();
  }

  private appendEvent(saleId: string, at: string, fromStatus: SaleStatus | null, toStatus: SaleStatus, event: EventInput): void {
    this.insertEvent.run({
      saleId,
      at,
      fromStatus,
      toStatus,
      cause: event.cause,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      noticeKey: event.noticeKey ?? null,
    });
  }

  listSales(query: SaleQuery): Sale[] {
    const where: string[] = [];
    const values: Record<string, string | number> = { limit: query.limit ?? DEFAULT_LIST_LIMIT };
    if (query.from) {
      where.push('created_at >= @from');
      values.from = query.from;
    }
    if (query.to) {
      where.push('created_at < @to');
      values.to = query.to;
    }
    if (query.status) {
      where.push('status = @status');
      values.status = query.status;
    }
    const sql = `SELECT * FROM sales ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(values) as SaleRow[]).map(rowToSale);
  }

  /** Live (not sandbox) pending or expired sales created at or after `since`: what recovery asks the chain about. */
  recoveryCandidates(since: string, limit = 1000): Sale[] {
    const rows = this.db
      .prepare("SELECT * FROM sales WHERE status IN ('pending', 'expired') AND created_at >= ? AND sandbox = 0 ORDER BY created_at LIMIT ?")
      .all(since, limit) as SaleRow[];
    return rows.map(rowToSale);
  }

  /** Every transaction hash recorded for a sale (the partial index sales_by_tx_hash answers it). */
  recordedTxHashes(): string[] {
    return (this.db.prepare('SELECT tx_hash FROM sales WHERE tx_hash IS NOT NULL').pluck().all() as string[]);
  }

  /** Pending sales whose invoice has expired by `at`. */
  salesDueToExpire(at: string): Sale[] {
    return this.dueToExpire.all(at).map(rowToSale);
  }

  events(saleId: string): SaleEvent[] {
    const rows = this.db.prepare('SELECT * FROM sale_events WHERE sale_id = ? ORDER BY id').all(saleId) as {
      id: number;
      sale_id: string;
      at: string;
      from_status: SaleStatus | null;
      to_status: SaleStatus;
      cause: string;
      detail: string | null;
      notice_key: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      saleId: row.sale_id,
      at: row.at,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      cause: row.cause,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
      noticeKey: row.notice_key,
    }));
  }

  getMeta(key: string): string | null {
    return this.metaGet.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.metaSet.run(key, value);
  }
}
