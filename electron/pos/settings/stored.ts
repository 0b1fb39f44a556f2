// The owner's non-secret settings: one JSON value in the ledger's meta table, parsed with a schema
// on the way in (it may have been edited or damaged); defaults for what was never saved.
import { z } from 'zod';
import { TUNNEL_MODES } from '../../../shared/api';
import { BLOCKCHAINS, LANGUAGES } from '../../../shared/mitilena';
import { isKnownCurrency } from '../../../shared/money';
import type { Ledger } from '../store/ledger';

export type TunnelMode = (typeof TUNNEL_MODES)[number];

export const SETTINGS_META_KEY = 'settings';
export const MAX_SHOP_NAME_CHARS = 80;
export const MAX_FOOTER_CHARS = 300;
export const MAX_COUNTER_NAME_CHARS = 60;

const StoredSettingsSchema = z.object({
  currency: z.string().refine(isKnownCurrency),
  blockchain: z.enum(BLOCKCHAINS),
  language: z.enum(LANGUAGES),
  shopName: z.string().max(MAX_SHOP_NAME_CHARS),
  receiptFooter: z.string().max(MAX_FOOTER_CHARS),
  tunnelMode: z.enum(TUNNEL_MODES),
  ngrokDomain: z.string().nullable(),
  publicUrl: z.string().nullable(),
  tronApi: z.string().nullable(),
  etherscanApi: z.string().nullable(),
  chainConfirm: z.boolean(),
  /** The desktop app watches TRC20 through TronGrid's public endpoint when no TronGrid address is set. */
  publicTronGrid: z.boolean(),
  /** This counter's name in the shop ledger (issue 15); empty: a name made from its id. */
  counterName: z.string().max(MAX_COUNTER_NAME_CHARS),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export const DEFAULT_SETTINGS: StoredSettings = {
  currency: 'EUR',
  blockchain: 'tether-trc20',
  language: 'en',
  shopName: 'My shop',
  receiptFooter: '',
  tunnelMode: 'ngrok',
  ngrokDomain: null,
  publicUrl: null,
  tronApi: null,
  etherscanApi: null,
  chainConfirm: true,
  publicTronGrid: true,
  counterName: '',
};

/** The stored settings; a damaged value falls back to the defaults (and says so) rather than stopping the till. */
export function readStoredSettings(ledger: Ledger, log?: (line: string) => void): StoredSettings {
  const raw = ledger.getMeta(SETTINGS_META_KEY);
  if (raw === null) return { ...DEFAULT_SETTINGS };
  try {
    // Fields added in later versions get their defaults; unknown ones are dropped by the schema.
    return StoredSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as object) });
  } catch {
    log?.('settings: the stored settings could not be read; using the defaults until they are saved again');
    return { ...DEFAULT_SETTINGS };
  }
}

export function writeStoredSettings(ledger: Ledger, settings: StoredSettings): void {
  ledger.setMeta(SETTINGS_META_KEY, JSON.stringify(StoredSettingsSchema.parse(settings)));
}
