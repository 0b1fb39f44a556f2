// Live mode's part of the contract (issue 3, moved out of api.ts whole): the tunnel, reachability and
// the settings a screen shows and sends, secrets write-only. shared/api.ts re-exports every name.
import { z } from 'zod';
import { ACCESS_SETTINGS_UPDATE, AccessSettingsViewSchema } from './access';
import { CounterSettingsSchema, CounterSettingsUpdateSchema } from './counter';
import { BLOCKCHAINS, LANGUAGES } from './mitilena';

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
  /** The counter's own settings (issue 12): shared/counter.ts. */
  counter: CounterSettingsSchema,
  /** The owner's PIN (set or not) and the cashiers' names (issue 13); PINs are never read back. */
  access: AccessSettingsViewSchema,
  /** The shop ledger (issue 15): the write-only URL, where it points (no password), this counter's name and id there. */
  shopLedgerUrl: secretView,
  shopLedgerTarget: z.string().nullable(),
  /** The owner desk's own URL (a login role in shop_owner), write-only: set means "Whole shop" is offered. */
  shopLedgerOwnerUrl: secretView,
  shopLedgerOwnerTarget: z.string().nullable(),
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
  /** The counter's own settings (issue 12), checked by their own rules. */
  counter: CounterSettingsUpdateSchema.optional(),
  ...ACCESS_SETTINGS_UPDATE,
  /** The shop ledger's PostgreSQL URL (issue 15): a new one, or null to stop replicating. Never read back. */
  shopLedgerUrl: z.string().max(500).nullable().optional(),
  /** The owner desk's URL for the whole shop (a shop_owner role): a new one, or null to remove it. Never read back. */
  shopLedgerOwnerUrl: z.string().max(500).nullable().optional(),
  counterName: z.string().max(60).optional(),
});
// --- end live mode ------------------------------------------------------------------------------
