// The books an accountant signs (issue 13): figures of a set of sales, refunds, and the Z-report
// that keeps a closed day's figures for good. Schemas here; the core computes, the screens show.
import { z } from 'zod';
import { ActorSchema } from './access';
import { BLOCKCHAINS } from './mitilena';
import { REVIEW_REASONS, SALE_STATUSES } from './sale';

export const MoneySchema = z.object({ currency: z.string(), amountMinor: z.number().int() });
export type Money = z.infer<typeof MoneySchema>;

/** Money of one mode (live or sandbox): gross = fiat recognised; net = gross − refunds. */
export const ModeFiguresSchema = z.object({
  /** Sales that count as money (paid, partly refunded, refunded). */
  paidCount: z.number().int(),
  gross: z.array(MoneySchema),
  /** The tips inside gross (a tip counts in the proportion its sale was recognised). */
  tips: z.array(MoneySchema),
  refunds: z.array(MoneySchema),
  net: z.array(MoneySchema),
});
export type ModeFigures = z.infer<typeof ModeFiguresSchema>;

export const CryptoFigureSchema = z.object({
  token: z.string(),
  blockchain: z.enum(BLOCKCHAINS),
  /** Exact decimals: received by the sales that count as money, sent back by refunds, and the rest. */
  received: z.string(),
  refunded: z.string(),
  net: z.string(),
});

/** The figures of a set of sales, or of changes to them (an adjustment: counts and amounts may be negative). */
export const BookFiguresSchema = z.object({
  /** Per status: how many sales, and what they asked per currency (live and sandbox together). */
  statuses: z.array(z.object({ status: z.enum(SALE_STATUSES), count: z.number().int(), amounts: z.array(MoneySchema) })),
  live: ModeFiguresSchema,
  /** Sandbox sales moved no real money: their figures are kept apart, never in live. */
  sandbox: ModeFiguresSchema,
  /** Live sales only. */
  crypto: z.array(CryptoFigureSchema),
});
export type BookFigures = z.infer<typeof BookFiguresSchema>;

export const RefundSchema = z.object({
  id: z.number().int(),
  saleId: z.string(),
  at: z.string(),
  /** The crypto sent back, exact decimal text, in the sale's token. */
  cryptoAmount: z.string(),
  token: z.string(),
  /** Its fiat value (at the invoice's rate, or as the owner stated), in the sale's currency. */
  fiatMinor: z.number().int(),
  currency: z.string(),
  txHash: z.string(),
  reason: z.string(),
  by: ActorSchema.nullable(),
});
export type Refund = z.infer<typeof RefundSchema>;

export const ReviewItemSchema = z.object({
  saleId: z.string(),
  createdAt: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  sandbox: z.boolean(),
  reviewReason: z.enum(REVIEW_REASONS).nullable(),
  reviewDetail: z.string().nullable(),
});

/** One sale whose books changed after its day was closed: what the earlier report said, and what is true now. */
export const AdjustedSaleSchema = z.object({
  saleId: z.string(),
  /** The day the sale belongs to, and the report that last counted it (null: created after its day closed). */
  day: z.string(),
  lastReport: z.number().int().nullable(),
  from: z.enum(SALE_STATUSES).nullable(),
  to: z.enum(SALE_STATUSES),
  currency: z.string(),
  sandbox: z.boolean(),
  grossChangeMinor: z.number().int(),
  refundChangeMinor: z.number().int(),
});
export type AdjustedSale = z.infer<typeof AdjustedSaleSchema>;

export const ZReportSchema = z.object({
  /** Sequential from 1, never reused. */
  number: z.number().int().positive(),
  /** The local day closed ("2026-11-26") and its instants [from, to). */
  day: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  closedBy: ActorSchema.nullable(),
  /** The day's sales as they stood when it was closed. */
  figures: BookFiguresSchema,
  review: z.array(ReviewItemSchema),
  /** Changes since the previous report to sales of days closed before (a refund, a resolved review, a late sale). */
  adjustments: z.object({ figures: BookFiguresSchema, sales: z.array(AdjustedSaleSchema) }),
  /** The day and the adjustments together: what this report adds to the books. */
  total: z.object({ live: ModeFiguresSchema, sandbox: ModeFiguresSchema }),
  /** The refunds behind the figures: of the day's sales, and those recorded since the previous report for adjusted sales. */
  refunds: z.array(RefundSchema),
});
export type ZReport = z.infer<typeof ZReportSchema>;

export const ZReportEntrySchema = z.object({
  number: z.number().int(),
  day: z.string(),
  generatedAt: z.string(),
  closedBy: ActorSchema.nullable(),
  net: z.array(MoneySchema),
});
export type ZReportEntry = z.infer<typeof ZReportEntrySchema>;

/** "2026-11-26": a local calendar day. */
export const LOCAL_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Add up money per currency, sorted by currency; zero totals are dropped. */
export function addMoney(...lists: readonly (readonly Money[])[]): Money[] {
  const sums = new Map<string, number>();
  for (const list of lists) for (const money of list) sums.set(money.currency, (sums.get(money.currency) ?? 0) + money.amountMinor);
  return [...sums]
    .filter(([, amountMinor]) => amountMinor !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
