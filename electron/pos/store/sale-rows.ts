// A sale as the ledger stores it and as the app sees it: the row shape, the columns a change may set,
// and the stored form of an instant. Pure; the SQL lives in sales.ts and history-queries.ts.
import type { Blockchain } from '../../../shared/mitilena';
import { countsAsMoney, type Confirmation, type ReviewReason, type Sale, type SaleStatus } from '../../../shared/sale';

export interface SaleRow {
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
  /** Absent on a ledger older than migration 0040. */
  confirmation?: Confirmation | null;
  /** Absent on a ledger older than migration 0080. */
  tip_minor?: number;
  cashier?: string | null;
  linked_sale_id?: string | null;
  /** Absent on a ledger older than migration 0100. */
  recognised_minor?: number | null;
  refunded_minor?: number;
  refunded_crypto?: string | null;
}

/** Columns a change may set, in the Sale's own names. */
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
    | 'refundedMinor'
    | 'refundedCrypto'
  >
> & {
  /** The fiat the owner recognised for this sale when it differs from its amount (an accepted underpayment); null: the amount. */
  recognisedMinor?: number | null;
};

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
  recognisedMinor: 'recognised_minor',
  refundedMinor: 'refunded_minor',
  refundedCrypto: 'refunded_crypto',
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
  /** HMAC fingerprint of the key that makes this sale's invoice (see webhook/notice-keys.ts); null when unknown. */
  keyFingerprint?: string | null;
  /** The part of amountMinor that is a tip (0 when none). */
  tipMinor?: number;
  /** The cashier signed in when the sale was made; null on a counter without cashiers. */
  cashier?: string | null;
  /** The sale this one completes (the difference of an underpayment). */
  linkedSaleId?: string | null;
  patch?: SalePatch;
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

/** What happened, as one sale_events row: the cause, its detail (kept as JSON), the notice it came from. */
export interface EventInput {
  cause: string;
  detail?: unknown;
  noticeKey?: string | null;
}

export interface EventRow {
  id: number;
  sale_id: string;
  at: string;
  from_status: SaleStatus | null;
  to_status: SaleStatus;
  cause: string;
  detail: string | null;
  notice_key: string | null;
}

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
    tipMinor: row.tip_minor ?? 0,
    cashier: row.cashier ?? null,
    linkedSaleId: row.linked_sale_id ?? null,
    recognisedMinor: countsAsMoney(row.status) ? (row.recognised_minor ?? row.amount_minor) : null,
    refundedMinor: row.refunded_minor ?? 0,
    refundedCrypto: row.refunded_crypto ?? null,
  };
}

export function rowToEvent(row: EventRow): SaleEvent {
  return {
    id: row.id,
    saleId: row.sale_id,
    at: row.at,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    cause: row.cause,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
    noticeKey: row.notice_key,
  };
}

/** A patch as column → value, in a stable order (so a statement's text, and its cache entry, repeat). */
export function patchColumns(patch: SalePatch): [column: string, value: string | number | null][] {
  return (Object.keys(patch) as (keyof SalePatch)[])
    .sort()
    .map((key) => [PATCH_COLUMNS[key], key === 'overpaid' ? (patch[key] ? 1 : 0) : ((patch[key] as string | null | undefined) ?? null)]);
}

/** A renderer's instant (any offset) → the stored form (UTC, milliseconds), so text order is time order. */
export function storedInstant(iso: string): string {
  return new Date(iso).toISOString();
}
