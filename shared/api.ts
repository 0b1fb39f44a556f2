// PosApi: the one contract between the renderer and the core. The preload, the IPC handlers, the
// browser-mode HTTP routes and the renderer client are all derived from POS_METHODS and POS_EVENTS.
import { z } from 'zod';
import { SALE_STATUSES, SaleSchema, type SaleStatus } from './sale';
import { BLOCKCHAINS, LANGUAGES } from './mitilena';
import type { Result } from './result';
import type { PosEventName, PosMethodName } from './api-names';

export { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName, type PosMethodName } from './api-names';

const saleId = z.string().regex(/^sale-[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a sale id');
const isoTime = z.iso.datetime({ offset: true });
const requestId = z.string().min(8).max(64);

// --- live mode: tunnel, reachability, settings (issue 3) -------------------------------------
export const TUNNEL_MODES = ['ngrok', 'manual', 'off'] as const;
export const TunnelStateSchema = z.object({
  state: z.enum(['off', 'connecting', 'online', 'error']),
  /** The public base URL while online (ngrok's or the owner's own). */
  url: z.string().nullable(),
  message: z.string().nullable(),
});
export const ReachabilitySchema = z.object({
  state: z.enum(['unknown', 'checking', 'reachable', 'unreachable']),
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
const secretView = z.object({ set: z.boolean(), last4: z.string().nullable() });
export const SettingsViewSchema = z.object({
  currency: z.string(),
  blockchain: z.enum(BLOCKCHAINS),
  language: z.enum(LANGUAGES),
  shopName: z.string(),
  receiptFooter: z.string(),
  apiKey: secretView,
  tunnelMode: z.enum(TUNNEL_MODES),
  ngrokAuthtoken: secretView,
  ngrokDomain: z.string().nullable(),
  publicUrl: z.string().nullable(),
  /** Block explorers (issue 6): base URLs, whether paid notices are checked, and the write-only keys. */
  tronApi: z.string().nullable(),
  etherscanApi: z.string().nullable(),
  chainConfirm: z.boolean(),
  /** Desktop app: TRC20 watched through TronGrid's public endpoint (no key) when no TronGrid URL is set. */
  publicTronGrid: z.boolean(),
  /** What the chain watch cannot do for the shop's network (no explorer, no key), in words; null when covered. */
  chainNote: z.string().nullable(),
  trongridApiKey: secretView,
  etherscanApiKey: secretView,
  /** Where secrets live and how safe that is, in words for the owner. */
  secretStorage: z.object({ kind: z.enum(['encrypted', 'plain-text', 'environment', 'file']), warning: z.string().nullable() }),
  /** The shop ledger (issue 15): the write-only URL, where it points (no password), this counter's name and id there. */
  shopLedgerUrl: secretView,
  shopLedgerTarget: z.string().nullable(),
  counterName: z.string(),
  counterId: z.string(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
export const SettingsUpdateSchema = z.strictObject({
  currency: z.string().optional(),
  blockchain: z.enum(BLOCKCHAINS).optional(),
  language: z.enum(LANGUAGES).optional(),
  shopName: z.string().max(80).optional(),
  receiptFooter: z.string().max(300).optional(),
  /** A new key, or null to remove it (back to the sandbox). Never read back. */
  apiKey: z.string().max(500).nullable().optional(),
  tunnelMode: z.enum(TUNNEL_MODES).optional(),
  ngrokAuthtoken: z.string().max(500).nullable().optional(),
  ngrokDomain: z.string().max(253).nullable().optional(),
  publicUrl: z.string().max(2000).nullable().optional(),
  tronApi: z.string().max(2000).nullable().optional(),
  etherscanApi: z.string().max(2000).nullable().optional(),
  chainConfirm: z.boolean().optional(),
  publicTronGrid: z.boolean().optional(),
  /** Explorer keys: a new value, or null to remove it. Never read back. */
  trongridApiKey: z.string().max(500).nullable().optional(),
  etherscanApiKey: z.string().max(500).nullable().optional(),
  /** The shop ledger's PostgreSQL URL (issue 15): a new one, or null to stop replicating. Never read back. */
  shopLedgerUrl: z.string().max(500).nullable().optional(),
  counterName: z.string().max(60).optional(),
});
// --- end live mode ------------------------------------------------------------------------------

export const SHOP_LEDGER_STATES = ['off', 'synced', 'behind', 'unreachable'] as const;
export const ShopLedgerStatusSchema = z.object({
  state: z.enum(SHOP_LEDGER_STATES),
  /** Sale events in this counter's ledger that the shop ledger does not have yet. */
  behind: z.number().int().nonnegative(),
  message: z.string().nullable(),
});

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
  /** The shop ledger (issue 15): off, synced, behind (sale events waiting) or unreachable, in words for the status bar. */
  shopLedger: ShopLedgerStatusSchema,
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
});
export type DayClose = z.infer<typeof DayCloseSchema>;
export const ReceiptSchema = z.object({
  sale: SaleSchema,
  shopName: z.string(),
  footer: z.string(),
  explorerUrl: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), fromStatus: z.enum(SALE_STATUSES).nullable(), toStatus: z.enum(SALE_STATUSES), cause: z.string() })),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
const ownerReason = z.string().trim().min(3, 'say why, in a few words').max(500);
// --- end owner's desk ---------------------------------------------------------------------------

export const POS_METHODS = {
  startSale: {
    args: z.strictObject({
      amount: z.string().min(1).max(32),
      note: z.string().max(200).optional(),
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
    result: z.object({ sales: z.array(SaleSchema), next: cursor.nullable() }),
  },
  /** counts: every sale; paidTotals: live sales only; the sandbox's paid sales apart. */
  historySummary: { args: HistoryQuerySchema, result: z.object({ counts: statusCounts, paidTotals: z.array(moneyTotal), ...sandboxPaid }) },
  dayClose: { args: z.strictObject(localRange), result: DayCloseSchema },
  getReceipt: { args: z.strictObject({ saleId }), result: ReceiptSchema },
  /** Opens the sale's transaction in the block explorer; the URL is made here, never taken from the page. */
  openExplorer: { args: z.strictObject({ saleId }), result: z.object({ url: z.string(), opened: z.boolean() }) },
  /** Electron only: the current page (a receipt, a day close) saved as PDF through a save dialog. */
  savePdf: { args: z.strictObject({ suggestedName: z.string().max(100).optional() }), result: z.object({ path: z.string().nullable() }) },
  resolveReview: { args: z.strictObject({ saleId, decision: z.enum(['accept', 'reject']), reason: ownerReason }), result: SaleSchema },
  markPaid: { args: z.strictObject({ saleId, txHash: z.string().trim().min(8).max(200), note: ownerReason }), result: SaleSchema },
  voidSale: { args: z.strictObject({ saleId, reason: ownerReason }), result: SaleSchema },
  /** Electron: a save dialog, then the file is written (path null when cancelled). Browser mode: a one-time download URL. */
  exportCsv: {
    args: z.strictObject({ ...localRange, bom: z.boolean().optional() }),
    result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable(), rows: z.number().int().nullable() }),
  },
  // settings and live mode
  getSettings: { args: z.strictObject({}), result: SettingsViewSchema },
  updateSettings: { args: SettingsUpdateSchema, result: SettingsViewSchema },
  checkReachability: { args: z.strictObject({}), result: ReachabilitySchema },
} as const satisfies Record<PosMethodName, { args: z.ZodType; result: z.ZodType }>;

export type PosArgs<M extends PosMethodName> = z.infer<(typeof POS_METHODS)[M]['args']>;
export type PosValue<M extends PosMethodName> = z.infer<(typeof POS_METHODS)[M]['result']>;

export const POS_EVENTS = {
  'sale-updated': SaleSchema,
  'status-changed': StatusSchema,
} as const satisfies Record<PosEventName, z.ZodType>;
export type PosEventPayload<E extends PosEventName> = z.infer<(typeof POS_EVENTS)[E]>;


/** What the renderer holds: one async function per method, and a subscription per event. */
export type PosApi = {
  [M in PosMethodName]: (args: PosArgs<M>) => Promise<Result<PosValue<M>>>;
} & {
  on<E extends PosEventName>(event: E, listener: (payload: PosEventPayload<E>) => void): () => void;
};
