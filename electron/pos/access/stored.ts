// Who may do what, as the ledger keeps it: the owner's PIN and the cashiers' PINs as scrypt hashes
// (never the PINs), one JSON value in the meta table beside the settings; parsed on the way in.
import { z } from 'zod';
import type { AccessSettingsView } from '../../../shared/access';
import { isPinHash } from './pins';
import type { Ledger } from '../store/ledger';

export const ACCESS_META_KEY = 'access';

const pinHash = z.string().refine(isPinHash);
const AccessConfigSchema = z.object({
  ownerPin: pinHash.nullable(),
  cashiers: z.array(z.object({ id: z.string(), name: z.string(), pin: pinHash })),
});
export type AccessConfig = z.infer<typeof AccessConfigSchema>;
export type StoredCashier = AccessConfig['cashiers'][number];

export const NO_ACCESS_RULES: AccessConfig = Object.freeze({ ownerPin: null, cashiers: [] }) as AccessConfig;

/**
 * The stored access rules. A damaged value must not open the counter to everyone: it stops the
 * start with a sentence instead (the owner restores a backup or removes the value knowingly).
 */
export function readAccess(ledger: Ledger): AccessConfig {
  const raw = ledger.getMeta(ACCESS_META_KEY);
  if (raw === null) return NO_ACCESS_RULES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const checked = AccessConfigSchema.safeParse(parsed);
  if (!checked.success) throw new Error('The stored owner PIN and cashiers cannot be read, so the counter does not start unlocked. Restore a backup of the ledger.');
  return checked.data;
}

export function writeAccess(ledger: Ledger, config: AccessConfig): void {
  ledger.setMeta(ACCESS_META_KEY, JSON.stringify(AccessConfigSchema.parse(config)));
}

export function accessView(config: AccessConfig): AccessSettingsView {
  return { ownerPinSet: config.ownerPin !== null, cashiers: config.cashiers.map(({ id, name }) => ({ id, name })) };
}
