// PosApi: the one contract between the renderer and the core. The preload, the IPC handlers, the
// browser-mode HTTP routes and the renderer client are all derived from POS_METHODS and POS_EVENTS.
import { z } from 'zod';
import { SALE_STATUSES, SaleSchema } from './sale';
import { BLOCKCHAINS } from './mitilena';
import type { Result } from './result';
import type { PosEventName, PosMethodName } from './api-names';

export { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName, type PosMethodName } from './api-names';

const saleId = z.string().regex(/^sale-[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a sale id');
const isoTime = z.iso.datetime({ offset: true });

export const StatusSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  currency: z.string(),
  blockchain: z.enum(BLOCKCHAINS),
  shopName: z.string(),
  hasApiKey: z.boolean(),
  apiKeyLast4: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  version: z.string(),
});
export type PosStatus = z.infer<typeof StatusSchema>;

export const POS_METHODS = {
  startSale: {
    args: z.strictObject({
      amount: z.string().min(1).max(32),
      note: z.string().max(200).optional(),
      /** The same id sent twice (a double-press) returns the first sale instead of charging again. */
      requestId: z.string().min(8).max(64).optional(),
    }),
    result: SaleSchema,
  },
  cancelSale: { args: z.strictObject({ saleId }), result: SaleSchema },
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
