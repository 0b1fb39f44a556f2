// The language the cashier and customer screens speak (issue 12): one catalogue per language, chosen
// in Settings (by default the payment page's language), with <html lang> and dir following it. Money
// and dates are written the way the language writes them (Intl); typed entry and the CSV keep a
// plain dot.
import { create } from 'zustand';
import { RTL_LANGUAGES, type UiLanguage } from '../../shared/counter';
import { ar } from './ar';
import { cs } from './cs';
import { en, type Catalogue, type MessageKey } from './en';
import { ru } from './ru';
import { tr } from './tr';

export type { Catalogue, MessageKey };

export const CATALOGUES: Readonly<Record<UiLanguage, Catalogue>> = { en, cs, ru, tr, ar };

/**
 * The Intl locale of each language. Arabic keeps Latin digits: amounts must read the same as on the
 * customer's phone and in the crypto amount (a decision, see docs/counter.md).
 */
export const INTL_LOCALE: Readonly<Record<UiLanguage, string>> = { en: 'en', cs: 'cs', ru: 'ru', tr: 'tr', ar: 'ar-u-nu-latn' };

export const useLocale = create<{ language: UiLanguage }>()(() => ({ language: 'en' }));

/** Switches the screens' language; <html lang> and dir follow. */
export function setUiLanguage(language: UiLanguage): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
    document.documentElement.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  }
  if (useLocale.getState().language !== language) useLocale.setState({ language });
}

export function currentLocale(): string {
  return INTL_LOCALE[useLocale.getState().language];
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** A message in the current language, its {placeholders} filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = CATALOGUES[useLocale.getState().language][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

type PluralBase = 'refused.held' | 'count.sales' | 'count.testSales';

/** "1 sale", "3 sales" (and Russian's few and many), by the language's plural rules. */
export function plural(base: PluralBase, count: number): string {
  const category = new Intl.PluralRules(currentLocale()).select(count);
  const key = `${base}.${category === 'one' || category === 'few' || category === 'many' ? category : 'other'}` as MessageKey;
  return t(key, { count });
}

/** For components: re-renders when the language changes. */
export function useT(): typeof t {
  useLocale((state) => state.language);
  return t;
}
