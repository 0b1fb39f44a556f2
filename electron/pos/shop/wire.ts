// A batch from the counter's ledger as the shop ledger stores it: the sale rows typed, each with the
// whole row as sent (source), and the events with their detail as JSON. PostgreSQL's text cannot hold
// a NUL character or half of a UTF-16 surrogate pair: those (and only those) become U+FFFD, so one odd
// note can never stop replication. The webhook URL (it carries the counter's install token) and the
// key fingerprint stay on the counter: the books do not need them.
import type { Refund } from '../../../shared/books';
import type { ReplicationBatch, ReplicationEvent } from '../store/ledger';

/** Sale columns as the shop ledger types them (PostgreSQL), in the counter's own column names. */
export const SALE_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['sale_id', 'text'],
  ['status', 'text'],
  ['amount_minor', 'bigint'],
  ['tip_minor', 'bigint'],
  ['currency', 'text'],
  ['note', 'text'],
  ['cashier', 'text'],
  ['sandbox', 'boolean'],
  ['blockchain', 'text'],
  ['request_id', 'text'],
  ['invoice_id', 'text'],
  ['payment_page', 'text'],
  ['crypto_amount', 'text'],
  ['crypto_symbol', 'text'],
  ['address', 'text'],
  ['expires_at', 'timestamptz'],
  ['failure', 'text'],
  ['review_reason', 'text'],
  ['review_detail', 'text'],
  ['overpaid', 'boolean'],
  ['paid_at', 'timestamptz'],
  ['paid_crypto_amount', 'text'],
  ['tx_hash', 'text'],
  ['confirmation', 'text'],
  ['linked_sale_id', 'text'],
  // Shop migration 0020: what the books read beside the amount (the counter's 0100 columns).
  ['recognised_minor', 'bigint'],
  ['refunded_minor', 'bigint'],
  ['refunded_crypto', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['last_event_id', 'bigint'],
  ['source', 'jsonb'],
];

export const EVENT_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['event_id', 'bigint'],
  ['sale_id', 'text'],
  ['at', 'timestamptz'],
  ['from_status', 'text'],
  ['to_status', 'text'],
  ['cause', 'text'],
  ['detail', 'jsonb'],
  ['notice_key', 'text'],
];

const KEPT_ON_THE_COUNTER = new Set(['webhook_url', 'key_fingerprint']);
const BOOLEAN_COLUMNS = new Set(['sandbox', 'overpaid']);
const OPTIONAL_INSTANTS = new Set(['expires_at', 'paid_at']);

// eslint-disable-next-line no-control-regex
const NOT_STORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every string inside `value` made storable in PostgreSQL text and jsonb. */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_STORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), storable(item)]));
  return value;
}

/** An optional instant the gateway gave: null when it is not one (the row's source keeps it as written). */
function instantOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function saleRecord(row: Record<string, unknown>, lastEventId: number): Record<string, unknown> {
  const source = Object.fromEntries(Object.entries(row).filter(([column]) => !KEPT_ON_THE_COUNTER.has(column)));
  const record: Record<string, unknown> = { last_event_id: lastEventId, source };
  for (const [name] of SALE_COLUMNS) {
    if (name === 'sale_id' || name === 'last_event_id' || name === 'source') continue;
    const value = row[name];
    if (BOOLEAN_COLUMNS.has(name)) record[name] = value === 1 || value === true;
    else if (OPTIONAL_INSTANTS.has(name)) record[name] = instantOrNull(value);
    else record[name] = value ?? null;
  }
  record.sale_id = row.id;
  record.tip_minor ??= 0;
  record.refunded_minor ??= 0;
  return record;
}

function eventRecord(event: ReplicationEvent): Record<string, unknown> {
  let detail: unknown = null;
  if (event.detail !== null) {
    try {
      detail = JSON.parse(event.detail) as unknown;
    } catch {
      detail = event.detail;
    }
  }
  const { id, sale_id, at, from_status, to_status, cause, notice_key } = event;
  return { event_id: id, sale_id, at, from_status, to_status, cause, detail, notice_key };
}

/** The batch as two JSON documents (sales, events), one parameter each. */
export function wireBatch(batch: ReplicationBatch): { sales: string; events: string } {
  return {
    sales: JSON.stringify(storable(batch.sales.map((sale) => saleRecord(sale.row, sale.lastEventId)))),
    events: JSON.stringify(storable(batch.events.map(eventRecord))),
  };
}

/** `name type, …` for jsonb_to_recordset, and the column list, from fixed names (no value ever reaches SQL text). */
export function recordsetOf(columns: readonly (readonly [string, string])[]): { definition: string; names: string[] } {
  return { definition: columns.map(([name, type]) => `${name} ${type}`).join(', '), names: columns.map(([name]) => name) };
}

export const REFUND_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['refund_id', 'bigint'],
  ['sale_id', 'text'],
  ['at', 'timestamptz'],
  ['crypto_amount', 'text'],
  ['token', 'text'],
  ['fiat_minor', 'bigint'],
  ['currency', 'text'],
  ['tx_hash', 'text'],
  ['reason', 'text'],
  ['by_role', 'text'],
  ['by_name', 'text'],
];

/** The refunds of a batch's sales as one JSON document (inserted once each, keyed by counter id + refund id). */
export function wireRefunds(refunds: readonly Refund[]): string {
  return JSON.stringify(
    storable(
      refunds.map((refund) => ({
        refund_id: refund.id,
        sale_id: refund.saleId,
        at: refund.at,
        crypto_amount: refund.cryptoAmount,
        token: refund.token,
        fiat_minor: refund.fiatMinor,
        currency: refund.currency,
        tx_hash: refund.txHash,
        reason: refund.reason,
        by_role: refund.by?.role ?? null,
        by_name: refund.by?.name ?? null,
      })),
    ),
  );
}
