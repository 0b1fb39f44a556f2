// The counter's own settings (issue 12): how the register behaves at the counter (tips, the paid
// chime, the counter's clock, the confirmation of large amounts, the customer receipt, the UI
// language) and what a customer display is shown. Kept apart from the shop's and live mode's
// settings: their own schema, their own validation (electron/pos/settings/validate-counter.ts).
import { z } from 'zod';
import { BLOCKCHAINS, type Language } from './mitilena';
import { SALE_STATUSES } from './sale';

/** The languages the cashier and customer screens speak (one catalogue each in renderer/i18n/). */
export const UI_LANGUAGES = ['en', 'cs', 'ru', 'tr', 'ar'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const UI_LANGUAGE_CHOICES = ['auto', ...UI_LANGUAGES] as const;

/** Written right to left. */
export const RTL_LANGUAGES: ReadonlySet<UiLanguage> = new Set(['ar']);

/**
 * 'auto' follows the payment page's language: the gateway spells Czech `cz`; a language the counter
 * has no catalogue for falls back to English.
 */
export function resolveUiLanguage(choice: (typeof UI_LANGUAGE_CHOICES)[number], paymentLanguage: Language): UiLanguage {
  if (choice !== 'auto') return choice;
  const mapped = paymentLanguage === 'cz' ? 'cs' : paymentLanguage;
  return (UI_LANGUAGES as readonly string[]).includes(mapped) ? (mapped as UiLanguage) : 'en';
}

export const PAPER_WIDTHS = ['58mm', '80mm', 'a4'] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];
export const MAX_TIP_CHOICES = 3;

export const CounterSettingsSchema = z.object({
  uiLanguage: z.enum(UI_LANGUAGE_CHOICES),
  /** A short tone when a sale is paid, another when one needs review. */
  chime: z.boolean(),
  tips: z.object({
    enabled: z.boolean(),
    /** Whole percentages offered after the amount, at most three. */
    percents: z.array(z.number().int().min(1).max(100)).max(MAX_TIP_CHOICES),
    /** Also offer a tip typed as an amount. */
    custom: z.boolean(),
  }),
  /** Amounts above this many whole units of the shop's currency ask the cashier to confirm. */
  confirmAbove: z.number().int().min(1).max(1_000_000_000),
  /** After this long the payment screen asks "still waiting?". */
  counterTimeoutMinutes: z.number().int().min(1).max(240),
  paperWidth: z.enum(PAPER_WIDTHS),
  /** Electron: print the customer receipt silently when a sale is paid. */
  autoPrint: z.boolean(),
  /** Electron: the printer for silent printing; null is the system's default printer. */
  printer: z.string().max(200).nullable(),
});
export type CounterSettings = z.infer<typeof CounterSettingsSchema>;

export const DEFAULT_COUNTER_SETTINGS: CounterSettings = {
  uiLanguage: 'auto',
  chime: true,
  tips: { enabled: false, percents: [10, 15, 20], custom: true },
  confirmAbove: 10_000,
  counterTimeoutMinutes: 15,
  paperWidth: '80mm',
  autoPrint: false,
  printer: null,
};

/** An update of the counter's settings: any of them; each is checked by the core with its own message. */
export const CounterSettingsUpdateSchema = z.strictObject({
  uiLanguage: z.string().max(10).optional(),
  chime: z.boolean().optional(),
  tips: z.strictObject({ enabled: z.boolean(), percents: z.array(z.number()).max(10), custom: z.boolean() }).optional(),
  confirmAbove: z.number().optional(),
  counterTimeoutMinutes: z.number().optional(),
  paperWidth: z.string().max(10).optional(),
  autoPrint: z.boolean().optional(),
  printer: z.string().max(200).nullable().optional(),
});
export type CounterSettingsUpdate = z.infer<typeof CounterSettingsUpdateSchema>;

/** What the register needs of them, with the UI language resolved (part of the status). */
export const CounterPrefsSchema = CounterSettingsSchema.extend({ language: z.enum(UI_LANGUAGES) });
export type CounterPrefs = z.infer<typeof CounterPrefsSchema>;

/** The sale as a customer display shows it: no note, no address, nothing the owner keeps. */
export const DisplaySaleSchema = z.object({
  id: z.string(),
  status: z.enum(SALE_STATUSES),
  amountMinor: z.number().int(),
  tipMinor: z.number().int(),
  currency: z.string(),
  blockchain: z.enum(BLOCKCHAINS),
  paymentPage: z.string().nullable(),
  cryptoAmount: z.string().nullable(),
  cryptoSymbol: z.string().nullable(),
  sandbox: z.boolean(),
});
export type DisplaySale = z.infer<typeof DisplaySaleSchema>;

/** What a customer display shows: the shop, its language, and the register's current sale (null: idle). */
export const DisplayViewSchema = z.object({
  shopName: z.string(),
  language: z.enum(UI_LANGUAGES),
  sale: DisplaySaleSchema.nullable(),
});
export type DisplayView = z.infer<typeof DisplayViewSchema>;
