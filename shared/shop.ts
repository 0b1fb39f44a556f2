// The shop ledger's part of the contract (issue 15): replication's status words, and the owner desk's
// scope (this counter, or the whole shop) with the counters the shop ledger knows.
import { z } from 'zod';

export const SHOP_LEDGER_STATES = ['off', 'synced', 'behind', 'unreachable'] as const;
export const ShopLedgerStatusSchema = z.object({
  state: z.enum(SHOP_LEDGER_STATES),
  /** Sale events in this counter's ledger that the shop ledger does not have yet. */
  behind: z.number().int().nonnegative(),
  message: z.string().nullable(),
});

/** Issue 15: this counter's ledger (the default), or the whole shop's from the shop ledger (owner-only). */
export const DESK_SCOPES = ['counter', 'shop'] as const;
export type DeskScope = (typeof DESK_SCOPES)[number];
export const deskScope = { scope: z.enum(DESK_SCOPES).optional() };
export const ShopCounterSchema = z.object({
  counterId: z.string(),
  name: z.string(),
  /** When this counter last pushed to the shop ledger; null when it never has. */
  lastPushAt: z.string().nullable(),
  /** The highest event id of this counter the shop ledger holds. */
  lastEventId: z.number().int(),
});
export type ShopCounter = z.infer<typeof ShopCounterSchema>;
