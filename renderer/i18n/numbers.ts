// Money and times written the way the chosen language writes them (Intl), never through a float:
// Intl.NumberFormat takes the exact decimal text.
import { minorToDecimal } from '../../shared/money';
import { currentLocale } from './locale';

/** "EUR 1,234.50" in English, "1 234,50 EUR" in Czech; the code, not a symbol: unambiguous at a crypto counter. */
export function formatMoneyLocal(minor: number, currency: string): string {
  const decimal = minorToDecimal(minor, currency);
  const exponent = decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
  const format = new Intl.NumberFormat(currentLocale(), {
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
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 0 }).format(value);
}

/** Local wall-clock time ("14:05"). */
export function formatClock(at: Date): string {
  return at.toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' });
}

/** "26 Nov 2026, 14:05:09" in the chosen language. */
export function formatDateTime(at: Date): string {
  return at.toLocaleString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDay(at: Date): string {
  return at.toLocaleDateString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}
