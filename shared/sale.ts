// A sale and the only ways its status may change.
import { z } from 'zod';
import { BLOCKCHAINS } from './mitilena';

export const SALE_STATUSES = ['creating', 'pending', 'paid', 'failed', 'cancelled', 'expired', 'review', 'voided', 'partly-refunded', 'refunded'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/**
 * The statuses whose money counts in the takings: paid, and paid then refunded in part or in full
 * (its refunds are booked against it, so net = gross − refunds).
 */
export const MONEY_STATUSES: readonly SaleStatus[] = ['paid', 'partly-refunded', 'refunded'];

export function countsAsMoney(status: SaleStatus): boolean {
  return MONEY_STATUSES.includes(status);
}

/** Why a sale waits for the owner instead of turning green. */
export const REVIEW_REASONS = [
  'underpaid',
  'wrong-currency',
  'late',
  'unknown-sale',
  'invoice-mismatch',
  'paid-twice',
  'chain-mismatch',
  'unreadable-notice',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REVIEW_REASON_TEXT: Readonly<Record<ReviewReason, string>> = {
  underpaid: 'The customer paid less than the invoice asked',
  'wrong-currency': 'The payment came in another currency, token or network than the invoice asked',
  late: 'The payment arrived after the sale was cancelled, expired, failed or voided',
  'unknown-sale': 'A payment arrived for a sale this counter does not know',
  'invoice-mismatch': 'The payment names another invoice than the one this sale created',
  'paid-twice': 'A second, different payment arrived for a sale that was already paid (the first one stays paid)',
  'chain-mismatch': 'The blockchain does not show the payment the notice reported (another amount, address or token, or an unknown transaction)',
  'unreadable-notice': 'A payment notice with the right key arrived but could not be read; it is kept in the ledger',
};

/** How the blockchain backs a paid sale: null (the notice alone), a checked notice, or a payment found without a notice. */
export const CONFIRMATIONS = ['chain-confirmed', 'recovered'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** Allowed transitions; anything else is refused by the store. */
export const TRANSITIONS: Readonly<Record<SaleStatus, readonly SaleStatus[]>> = {
  creating: ['pending', 'failed', 'paid', 'review', 'cancelled'],
  pending: ['paid', 'cancelled', 'expired', 'review', 'voided'],
  paid: ['review', 'voided', 'partly-refunded', 'refunded'],
  failed: ['review', 'voided'],
  cancelled: ['review'],
  expired: ['review', 'paid', 'voided'],
  review: ['paid', 'voided'],
  // Closed by the owner (a refund, a sale kept as not paid); only a payment arriving later reopens
  // it, for review, since that is money received.
  voided: ['review'],
  // A refund is money sent back: the sale stays in the books with its refunds against it.
  'partly-refunded': ['refunded'],
  refunded: [],
};

export function canTransition(from: SaleStatus, to: SaleStatus): boolean {
  return TRANSITIONS[from].includes(to);
}


export const SaleSchema = z.object({
  id: z.string(),
  status: z.enum(SALE_STATUSES),
  amountMinor: z.number().int(),
  currency: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sandbox: z.boolean(),
  blockchain: z.enum(BLOCKCHAINS),
  invoiceId: z.string().nullable(),
  paymentPage: z.string().nullable(),
  cryptoAmount: z.string().nullable(),
  cryptoSymbol: z.string().nullable(),
  address: z.string().nullable(),
  expiresAt: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  failure: z.string().nullable(),
  reviewReason: z.enum(REVIEW_REASONS).nullable(),
  reviewDetail: z.string().nullable(),
  overpaid: z.boolean(),
  paidAt: z.string().nullable(),
  paidCryptoAmount: z.string().nullable(),
  txHash: z.string().nullable(),
  confirmation: z.enum(CONFIRMATIONS).nullable(),
  /** The part of amountMinor that is a tip (amountMinor is what the invoice asked, tip included). */
  tipMinor: z.number().int().nonnegative(),
  /** Who took the sale, on a counter with cashiers; null otherwise. */
  cashier: z.string().nullable(),
  /** The sale this one completes ("charge the difference" after an underpayment); null otherwise. */
  linkedSaleId: z.string().nullable(),
  /**
   * The fiat this sale counts as takings, in minor units: amountMinor for a paid sale, less for an
   * underpayment the owner accepted (what the crypto received was worth at the invoice's rate, or
   * the owner's stated amount). Null while the sale counts nothing (not paid).
   */
  recognisedMinor: z.number().int().nonnegative().nullable(),
  /** Fiat refunded so far (minor units, at the invoice's rate or as the owner stated), and the crypto sent back. */
  refundedMinor: z.number().int().nonnegative(),
  refundedCrypto: z.string().nullable(),
});
export type Sale = z.infer<typeof SaleSchema>;
