// Who may do what at the counter (issue 13): the owner's PIN, the cashiers and their PINs, and the
// access a window (or browser tab) has now. PINs travel only towards the core, never back.
import { z } from 'zod';

/** Digits only, 4 to 8 of them: what a keypad takes, and short enough to type between two customers. */
export const PIN_PATTERN = /^\d{4,8}$/;
export const PIN_RULE_TEXT = 'Use 4 to 8 digits';
export const MAX_CASHIERS = 50;
export const MAX_CASHIER_NAME_CHARS = 40;

const pin = z.string().regex(PIN_PATTERN, PIN_RULE_TEXT);
const cashierId = z.string().regex(/^cashier-[0-9a-f]{12}$/, 'must be a cashier id');

/**
 * A cashier as the Settings screen sends the whole list: a known one by its id (its PIN kept unless a
 * new one is given), a new one without an id and with a PIN. Cashiers left out are removed.
 */
export const CashierUpdateSchema = z.strictObject({
  id: cashierId.optional(),
  name: z.string().max(MAX_CASHIER_NAME_CHARS * 2),
  pin: pin.optional(),
});

/** The access fields of updateSettings; write-only: the PINs are never read back. */
export const ACCESS_SETTINGS_UPDATE = {
  /** A new owner PIN, or null to remove it (the counter is then open to whoever stands there). */
  ownerPin: pin.nullable().optional(),
  cashiers: z.array(CashierUpdateSchema).max(MAX_CASHIERS).optional(),
};

/** What the Settings screen knows of access: whether the owner's PIN is set, and the cashiers' names. */
export const AccessSettingsViewSchema = z.object({
  ownerPinSet: z.boolean(),
  cashiers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AccessSettingsView = z.infer<typeof AccessSettingsViewSchema>;

/** The access of the calling window or tab. */
export const AccessStateSchema = z.object({
  ownerPinSet: z.boolean(),
  /** True when no owner PIN is set (everyone acts as the owner) or this window unlocked it. */
  ownerUnlocked: z.boolean(),
  /** When the unlock ends unless an owner action extends it; null when not unlocked by PIN. */
  ownerUnlockedUntil: z.string().nullable(),
  /** Cashiers are defined: the register asks for a cashier PIN before it charges. */
  cashiersEnabled: z.boolean(),
  cashier: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type AccessState = z.infer<typeof AccessStateSchema>;

export const UnlockArgsSchema = z.strictObject({ pin: z.string().max(32) });

/** Who did something the books record: the owner, a cashier by name, or nobody known. */
export const ActorSchema = z.object({ role: z.enum(['owner', 'cashier']), name: z.string().nullable() });
export type Actor = z.infer<typeof ActorSchema>;

/** "Owner", "Cashier Ana". */
export function actorText(actor: Actor | null): string {
  if (!actor) return '—';
  return actor.role === 'owner' ? 'Owner' : `Cashier ${actor.name ?? ''}`.trim();
}
