// The access part of a settings update (issue 13), checked apart from the other settings: the owner's
// PIN and the list of cashiers. PINs are hashed here; a message never repeats a PIN, right or wrong.
import { randomBytes } from 'node:crypto';
import { MAX_CASHIER_NAME_CHARS, type CashierUpdateSchema } from '../../../shared/access';
import type { z } from 'zod';
import { hashPin, verifyPin } from '../access/pins';
import type { AccessConfig, StoredCashier } from '../access/stored';

type CashierUpdate = z.infer<typeof CashierUpdateSchema>;
export interface AccessUpdate {
  ownerPin?: string | null;
  cashiers?: CashierUpdate[];
}

export type CheckedAccess = { ok: true; next: AccessConfig | null; ownerPinChanged: boolean } | { ok: false; fields: Record<string, string> };

// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;
const SAME_PIN = 'Every cashier needs a PIN of their own, different from the owner’s: the PIN says who signs in';

export const newCashierId = (): string => `cashier-${randomBytes(6).toString('hex')}`;

/** The names: each given, short, one line, and no two alike. */
function checkNames(cashiers: readonly CashierUpdate[], current: AccessConfig): string | null {
  const seen = new Set<string>();
  for (const [index, cashier] of cashiers.entries()) {
    const name = cashier.name.trim();
    const which = `Cashier ${index + 1}`;
    if (!name) return `${which}: enter a name`;
    if (name.length > MAX_CASHIER_NAME_CHARS) return `${which}: at most ${MAX_CASHIER_NAME_CHARS} characters`;
    if (CONTROL_OR_NEWLINE.test(name)) return `${which}: use one line of ordinary text`;
    if (seen.has(name.toLocaleLowerCase())) return `${which}: two cashiers are called ${name}`;
    seen.add(name.toLocaleLowerCase());
    if (cashier.id && !current.cashiers.some((known) => known.id === cashier.id)) return `${which}: this cashier was removed meanwhile; reload the settings`;
    if (!cashier.id && !cashier.pin) return `${which}: a new cashier needs a PIN`;
  }
  return null;
}

/** Whether any of `pins` (new, as typed) matches another's: each other, or a hash kept. */
async function pinsClash(pins: readonly string[], kept: readonly string[]): Promise<boolean> {
  if (new Set(pins).size !== pins.length) return true;
  for (const pin of pins) {
    const matches = await Promise.all(kept.map((hash) => verifyPin(pin, hash)));
    if (matches.some(Boolean)) return true;
  }
  return false;
}

/** Checks and hashes the access part of `update` against `current`; `next` is null when it changes nothing. */
export async function checkAccessUpdate(update: AccessUpdate, current: AccessConfig): Promise<CheckedAccess> {
  if (update.ownerPin === undefined && update.cashiers === undefined) return { ok: true, next: null, ownerPinChanged: false };
  const cashiers = update.cashiers;
  if (cashiers) {
    const problem = checkNames(cashiers, current);
    if (problem) return { ok: false, fields: { cashiers: problem } };
  }
  const newPins = [...(typeof update.ownerPin === 'string' ? [update.ownerPin] : []), ...(cashiers ?? []).flatMap((cashier) => (cashier.pin ? [cashier.pin] : []))];
  // The hashes that stay: the owner's unless replaced or removed; each listed cashier's without a new PIN.
  const keptOwner = update.ownerPin === undefined && current.ownerPin ? [current.ownerPin] : [];
  const keptCashiers = (cashiers ?? current.cashiers.map((known) => ({ id: known.id, name: known.name }) as CashierUpdate))
    .filter((cashier) => cashier.id && !cashier.pin)
    .map((cashier) => (current.cashiers.find((known) => known.id === cashier.id) as StoredCashier).pin);
  if (await pinsClash(newPins, [...keptOwner, ...keptCashiers])) return { ok: false, fields: { [cashiers ? 'cashiers' : 'ownerPin']: SAME_PIN } };

  const ownerPin = update.ownerPin === undefined ? current.ownerPin : update.ownerPin === null ? null : await hashPin(update.ownerPin);
  const nextCashiers: StoredCashier[] = cashiers
    ? await Promise.all(
        cashiers.map(async (cashier) => ({
          id: cashier.id ?? newCashierId(),
          name: cashier.name.trim(),
          pin: cashier.pin ? await hashPin(cashier.pin) : (current.cashiers.find((known) => known.id === cashier.id) as StoredCashier).pin,
        })),
      )
    : current.cashiers;
  return { ok: true, next: { ownerPin, cashiers: nextCashiers }, ownerPinChanged: update.ownerPin !== undefined };
}
