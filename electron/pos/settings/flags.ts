// The settings given at start (browser-mode flags): checked by the Settings screen's own rules, they
// win over the stored ones for this run only and are never saved.
import type { PosArgs } from '../../../shared/api';
import type { StoredSettings } from './stored';
import { validateSettingsUpdate } from './validate';

/** Settings given at start (browser-mode flags); they win over the stored ones for this run and are not saved. */
export interface SettingsFlags {
  currency?: string;
  blockchain?: string;
  language?: string;
  shopName?: string;
  publicUrl?: string | null;
  ngrokDomain?: string | null;
  /** This counter's name in the shop ledger (--counter-name). */
  counterName?: string;
}

/** Start flags win over the stored values for this run (they are not saved). Invalid flags stop the start. */
export function applyFlags(stored: StoredSettings, flags: SettingsFlags): StoredSettings {
  const candidate: PosArgs<'updateSettings'> = {};
  if (flags.currency !== undefined) candidate.currency = flags.currency;
  if (flags.blockchain !== undefined) candidate.blockchain = flags.blockchain as StoredSettings['blockchain'];
  if (flags.language !== undefined) candidate.language = flags.language as StoredSettings['language'];
  if (flags.shopName !== undefined) candidate.shopName = flags.shopName;
  if (flags.counterName !== undefined) candidate.counterName = flags.counterName;
  if (flags.ngrokDomain) candidate.ngrokDomain = flags.ngrokDomain;
  if (flags.publicUrl) {
    candidate.publicUrl = flags.publicUrl;
    candidate.tunnelMode = 'manual';
  }
  const checked = validateSettingsUpdate(candidate, stored);
  if (!checked.ok) {
    const [field, message] = Object.entries(checked.fields)[0] ?? ['settings', 'invalid'];
    throw new Error(`Invalid start option ${field}: ${message}`);
  }
  return { ...stored, ...checked.patch };
}

