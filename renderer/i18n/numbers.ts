// Money and times written the way the chosen language writes them (Intl), never through a float:
// Intl.NumberFormat takes the exact decimal text.
import { minorToDecimal } from '../../shared/money';
import { currentLocale } from './locale';

// Formatters made once per language and kind: making one costs far more than using it, and a screen
// that changes (the Paid screen, a row of the Today list) writes several amounts and times.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function madeOnce<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = currentLocale();
  const known = formats.get(`${locale}|${key}`);
  if (known) return known as T;
  const made = make(locale);
  formats.set(`${locale}|${key}`, made);
  return made;
}

const numberFormat = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => madeOnce(`number|${key}`, (locale) => new Intl.NumberFormat(locale, options));
const dateFormat = (key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => madeOnce(`date|${key}`, (locale) => new Intl.DateTimeFormat(locale, options));

/** "EUR 1,234.50" in English, "1 234,50 EUR" in Czech; the code, not a symbol: unambiguous at a crypto counter. */
export function formatMoneyLocal(minor: number, currency: string): string {
  const decimal = minorToDecimal(minor, currency);
  const exponent = decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
  const format = numberFormat(`money|${currency}|${exponent}`, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // The space between the code and the number as a plain space (the number itself keeps its own
  // separators); white-space: nowrap on money keeps it on one line.
  return format
    .formatToParts(decimal as unknown as number)
    .map((part) => (part.type === 'literal' && /^\s+$/.test(part.value) ? ' ' : part.value))
    .join('');
}

/** A whole number with the language's grouping ("10,000"). */
export function formatWhole(value: number): string {
  return numberFormat('whole', { maximumFractionDigits: 0 }).format(value);
}

/** Local wall-clock time ("14:05"). */
export function formatClock(at: Date): string {
  return dateFormat('clock', { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "26 Nov 2026, 14:05:09" in the chosen language. */
export function formatDateTime(at: Date): string {
  return dateFormat('date-time', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

export function formatDay(at: Date): string {
  return dateFormat('day', { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}
