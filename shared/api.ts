// PosApi: the one contract between the renderer and the core. The preload, the IPC handlers, the
// browser-mode HTTP routes and the renderer client are all derived from POS_METHODS and POS_EVENTS.
import { z } from 'zod';
import { SALE_STATUSES, SaleSchema, type SaleStatus } from './sale';
import { BLOCKCHAINS } from './mitilena';
import { CounterPrefsSchema, DisplayViewSchema, PAPER_WIDTHS } from './counter';
import type { Result } from './result';
import { AccessStateSchema, ActorSchema, UnlockArgsSchema } from './access';
import { BookFiguresSchema, LOCAL_DAY_PATTERN, RefundSchema, ZReportEntrySchema, ZReportSchema } from './books';
import type { PosEventName, PosMethodName } from './api-names';
import { ReachabilitySchema, SettingsUpdateSchema, SettingsViewSchema, TunnelStateSchema } from './settings-api';
import { deskScope as scope, ShopCounterSchema, ShopLedgerStatusSchema } from './shop';

export { DESK_SCOPES, SHOP_LEDGER_STATES, ShopCounterSchema, ShopLedgerStatusSchema, type DeskScope, type ShopCounter } from './shop';

export { ReachabilitySchema, SettingsUpdateSchema, SettingsViewSchema, TUNNEL_MODES, TunnelStateSchema, type SettingsView } from './settings-api';
export { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName, type PosMethodName } from './api-names';

const saleId = z.string().regex(/^sale-[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a sale id');
const isoTime = z.iso.datetime({ offset: true });
const requestId = z.string().min(8).max(64);



export const StatusSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  currency: z.string(),
  blockchain: z.enum(BLOCKCHAINS),
  shopName: z.string(),
  hasApiKey: z.boolean(),
  apiKeyLast4: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  version: z.string(),
  tunnel: TunnelStateSchema,
  reachability: ReachabilitySchema,
  /** Null when Charge works; otherwise why not and how to fix it. */
  chargeBlockedReason: z.string().nullable(),
  /** Things the owner should know now (a changed public URL with pending sales, a plain-text secret store). */
  warnings: z.array(z.string()),
  /** How the register behaves at the counter (issue 12), with the UI language resolved. */
  counter: CounterPrefsSchema,
  /** The shop ledger (issue 15): off, synced, behind (sale events waiting) or unreachable, in words for the status bar. */
  shopLedger: ShopLedgerStatusSchema,
  /** The owner's desk can read the whole shop (an owner URL for the shop ledger is set): "This counter / Whole shop" is offered. */
  wholeShop: z.boolean(),
});
export type PosStatus = z.infer<typeof StatusSchema>;

// --- the owner's desk (issue 4) -------------------------------------------------------------------
const localRange = { from: isoTime, to: isoTime };
const cursor = z.object({ createdAt: isoTime, id: saleId });
const moneyTotal = z.object({ currency: z.string(), amountMinor: z.number().int() });
const statusCounts = z.object(Object.fromEntries(SALE_STATUSES.map((status) => [status, z.number().int()])) as Record<SaleStatus, z.ZodNumber>);
export const HistoryQuerySchema = z.strictObject({
  ...localRange,
  status: z.enum(SALE_STATUSES).optional(),
  /** Matches an amount ("12.50"), a note, an invoice id or a sale id. */
  search: z.string().max(100).optional(),
  ...scope,
  /** Shop scope only: one counter's sales (its id from shopCounters). */
  counter: z.uuid('must be a counter id').optional(),
});
/** Sandbox sales (paid with "Simulate payment") moved no real money: counted and totalled apart. */
const sandboxPaid = { sandboxPaidCount: z.number().int(), sandboxPaidTotals: z.array(moneyTotal) };
export const DayCloseSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Live sales only, like gross, crypto and the chain counts; sandbox sales are in sandboxPaid*. */
  paidCount: z.number().int(),
  overpaidCount: z.number().int(),
  /** Paid sales whose notice the blockchain confirmed, and paid sales found on the chain without a notice. */
  chainConfirmedCount: z.number().int(),
  recoveredCount: z.number().int(),
  gross: z.array(moneyTotal),
  ...sandboxPaid,
  crypto: z.array(z.object({ token: z.string(), blockchain: z.enum(BLOCKCHAINS), amount: z.string() })),
  counts: statusCounts,
  review: z.array(SaleSchema),
  /** Every figure of the range, as a Z-report shows them (issue 13): per status, tips, refunds, net. */
  figures: BookFiguresSchema,
});
export type DayClose = z.infer<typeof DayCloseSchema>;
export const ReceiptSchema = z.object({
  sale: SaleSchema,
  shopName: z.string(),
  footer: z.string(),
  explorerUrl: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), fromStatus: z.enum(SALE_STATUSES).nullable(), toStatus: z.enum(SALE_STATUSES), cause: z.string() })),
  /** The sales charged together with this one ("charge the difference" links them), oldest first (issue 12). */
  linkedSales: z.array(SaleSchema),
  /** What the owner did to the sale, each with its own time, reason and who (issue 13). */
  ownerActions: z.array(z.object({ at: z.string(), cause: z.string(), reason: z.string().nullable(), by: ActorSchema.nullable() })),
  refunds: z.array(RefundSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
const ownerReason = z.string().trim().min(3, 'say why, in a few words').max(500);
/**
 * The history's figures, each over the sales matching every filter (range, status, search): how many
 * per status, what their Amount column adds up to, and the live takings among them net of refunds;
 * the sandbox's paid sales apart.
 */
export const HistorySummarySchema = z.object({
  counts: statusCounts,
  count: z.number().int(),
  sandboxCount: z.number().int(),
  amountTotals: z.array(moneyTotal),
  /** Live sales that count as money (paid, partly refunded, refunded) and their net takings. */
  paidCount: z.number().int(),
  paidTotals: z.array(moneyTotal),
  refundTotals: z.array(moneyTotal),
  ...sandboxPaid,
});
export type HistorySummary = z.infer<typeof HistorySummarySchema>;
// --- end owner's desk ---------------------------------------------------------------------------

export const POS_METHODS = {
  startSale: {
    args: z.strictObject({
      amount: z.string().min(1).max(32),
      note: z.string().max(200).optional(),
      /** The tip on top of the amount, as a decimal (issue 12): the invoice asks for amount + tip. */
      tip: z.string().min(1).max(32).optional(),
      /** Given to the gateway as customerEmail: it emails the customer the receipt (issue 12). Never stored. */
      customerEmail: z.email('must be an email address').max(254).optional(),
      /** The sale this one completes ("charge the difference" after an underpayment, issue 12). */
      linkedSaleId: saleId.optional(),
      /** The same id sent twice (a double-press) returns the first sale instead of charging again. */
      requestId: requestId.optional(),
    }),
    result: SaleSchema,
  },
  /** By sale id, or by the charge's request id while its invoice is still being created (no id known yet). */
  cancelSale: { args: z.union([z.strictObject({ saleId }), z.strictObject({ requestId })]), result: SaleSchema },
  getSale: { args: z.strictObject({ saleId }), result: SaleSchema },
  listSales: {
    args: z.strictObject({
      from: isoTime.optional(),
      to: isoTime.optional(),
      status: z.enum(SALE_STATUSES).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    result: z.array(SaleSchema),
  },
  getStatus: { args: z.strictObject({}), result: StatusSchema },
  // the owner's desk
  historyPage: {
    args: HistoryQuerySchema.extend({ limit: z.number().int().min(1).max(200).optional(), before: cursor.optional() }),
    /** In the shop scope each sale names its counter. */
    result: z.object({ sales: z.array(SaleSchema.extend({ counter: z.string().optional() })), next: cursor.nullable() }),
  },
  /** Every figure follows every filter (range, status, search); see HistorySummarySchema. */
  historySummary: { args: HistoryQuerySchema, result: HistorySummarySchema },
  dayClose: { args: z.strictObject({ ...localRange, ...scope }), result: DayCloseSchema },
  getReceipt: { args: z.strictObject({ saleId }), result: ReceiptSchema },
  /** Opens the sale's transaction in the block explorer; the URL is made here, never taken from the page. */
  openExplorer: { args: z.strictObject({ saleId }), result: z.object({ url: z.string(), opened: z.boolean() }) },
  /** Electron only: the current page (a receipt, a day close) saved as PDF through a save dialog. */
  savePdf: { args: z.strictObject({ suggestedName: z.string().max(100).optional() }), result: z.object({ path: z.string().nullable() }) },
  resolveReview: {
    args: z.strictObject({
      saleId,
      decision: z.enum(['accept', 'reject']),
      reason: ownerReason,
      /** Accept only: the fiat the owner recognises ("6.25"); default: what the crypto received is worth at the invoice's rate. */
      amount: z.string().trim().min(1).max(32).optional(),
    }),
    result: SaleSchema,
  },
  markPaid: { args: z.strictObject({ saleId, txHash: z.string().trim().min(8).max(200), note: ownerReason }), result: SaleSchema },
  voidSale: { args: z.strictObject({ saleId, reason: ownerReason }), result: SaleSchema },
  /** Electron: a save dialog, then the file is written (path null when cancelled). Browser mode: a one-time download URL. */
  exportCsv: {
    args: z.strictObject({ ...localRange, bom: z.boolean().optional(), ...scope }),
    result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable(), rows: z.number().int().nullable() }),
  },
  // settings and live mode
  getSettings: { args: z.strictObject({}), result: SettingsViewSchema },
  updateSettings: { args: SettingsUpdateSchema, result: SettingsViewSchema },
  checkReachability: { args: z.strictObject({}), result: ReachabilitySchema },
  // issue 12: the customer display and the receipt at the counter
  /** What a customer display shows now (a display's token may call this and getStatus only). */
  getDisplay: { args: z.strictObject({}), result: DisplayViewSchema },
  /** The register's current sale, which the display follows; null when the register starts a new sale. */
  setCurrentSale: { args: z.strictObject({ saleId: saleId.nullable() }), result: DisplayViewSchema },
  /** Electron: opens the display window (on a second screen when there is one). Browser mode: the display's link. */
  openCustomerDisplay: { args: z.strictObject({}), result: z.object({ opened: z.boolean(), url: z.string().nullable() }) },
  /** Electron: prints the page's customer receipt silently on the chosen printer; not-ready elsewhere. */
  printReceipt: {
    args: z.strictObject({ paper: z.enum(PAPER_WIDTHS), heightMm: z.number().min(20).max(2000) }),
    result: z.object({ printed: z.boolean() }),
  },
  /** Electron: the printers this computer knows; none in browser mode. */
  listPrinters: { args: z.strictObject({}), result: z.object({ printers: z.array(z.object({ name: z.string(), isDefault: z.boolean() })) }) },
  // issue 13: roles, refunds, Z-reports
  getAccess: { args: z.strictObject({}), result: AccessStateSchema },
  unlockOwner: { args: UnlockArgsSchema, result: AccessStateSchema },
  lockOwner: { args: z.strictObject({}), result: AccessStateSchema },
  signInCashier: { args: UnlockArgsSchema, result: AccessStateSchema },
  signOutCashier: { args: z.strictObject({}), result: AccessStateSchema },
  /** A refund made outside the app (from the shop's wallet), recorded: the crypto sent back, its transaction, why. */
  refundSale: {
    args: z.strictObject({
      saleId,
      /** Crypto sent back, in the sale's token ("6.5"). */
      amount: z.string().trim().min(1).max(64),
      txHash: z.string().trim().min(8).max(200),
      reason: ownerReason,
      /** The fiat it is worth, when the owner states it; default: at the invoice's rate. */
      fiatAmount: z.string().trim().min(1).max(32).optional(),
    }),
    result: SaleSchema,
  },
  /** Stores the day's Z-report (or returns the one stored); the day is local to the shop ("2026-11-26"). */
  closeDay: { args: z.strictObject({ date: z.string().regex(LOCAL_DAY_PATTERN, 'must be a day such as 2026-11-26'), ...scope }), result: ZReportSchema },
  listDayCloses: { args: z.strictObject({ limit: z.number().int().min(1).max(1000).optional(), ...scope }), result: z.array(ZReportEntrySchema) },
  getDayClose: { args: z.strictObject({ number: z.number().int().positive(), ...scope }), result: ZReportSchema },
  // issue 16: support. Owner-only (an owner action: the owner lock of issue 13 covers it). One zip with
  // the logs, the settings without secrets, the versions and the ledger's integrity check. Electron: a
  // save dialog, then the file is written (path null when cancelled). Browser mode: a one-time download URL.
  /** Issue 15 (owner-only): the counters in the shop ledger and how current each one's data is. */
  shopCounters: { args: z.strictObject({}), result: z.object({ counters: z.array(ShopCounterSchema) }) },
  exportDiagnostics: { args: z.strictObject({}), result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable() }) },
} as const satisfies Record<PosMethodName, { args: z.ZodType; result: z.ZodType }>;

export type PosArgs<M extends PosMethodName> = z.infer<(typeof POS_METHODS)[M]['args']>;
export type PosValue<M extends PosMethodName> = z.infer<(typeof POS_METHODS)[M]['result']>;

export const POS_EVENTS = {
  'sale-updated': SaleSchema,
  'status-changed': StatusSchema,
  'display-changed': DisplayViewSchema,
} as const satisfies Record<PosEventName, z.ZodType>;
export type PosEventPayload<E extends PosEventName> = z.infer<(typeof POS_EVENTS)[E]>;


/** What the renderer holds: one async function per method, and a subscription per event. */
export type PosApi = {
  [M in PosMethodName]: (args: PosArgs<M>) => Promise<Result<PosValue<M>>>;
} & {
  on<E extends PosEventName>(event: E, listener: (payload: PosEventPayload<E>) => void): () => void;
};
