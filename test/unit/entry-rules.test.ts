// The entry rules (shared/entry.ts) against a model of what the cashier meant: the keys typed, with
// Backspace taking the last one back and Clear starting over. For any key sequence, the amount the
// keypad shows is exactly what Charge would charge, and that is exactly the value of the keys typed;
// otherwise Charge is off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ENTRY, entryAmount, entryMinor, pressEntryKey, type Entry, type KeypadKey } from '../../shared/entry';
import { currencyExponent, MAX_AMOUNT_MINOR, parseAmount } from '../../shared/money';

const KEYS: readonly KeypadKey[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '.', 'Backspace', 'Clear'];
const CURRENCIES = ['EUR', 'JPY', 'KWD', 'CLF'] as const;

/** What the cashier meant: the typed characters (Backspace takes back the last one; '00' is two). */
function meant(keys: readonly KeypadKey[]): string {
  const typed: string[] = [];
  for (const key of keys) {
    if (key === 'Clear') typed.length = 0;
    else if (key === 'Backspace') typed.pop();
    else typed.push(...key);
  }
  return typed.join('');
}

/** The exact value of what was meant in minor units, or null when it is not an amount of the currency. */
function meantMinor(text: string, currency: string): bigint | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || text === '' || text === '.') return null;
  const fraction = match[2] ?? '';
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) return null;
  return BigInt((match[1] || '0') + fraction.padEnd(exponent, '0'));
}

/** The digits the keypad shows, as minor units (what a person reads off the screen). */
function shownMinor(entry: Entry, currency: string): bigint {
  return meantMinor(entry.text, currency) ?? 0n;
}

describe('the entry rules', () => {
  it('charges exactly what is shown and what was typed, or Charge is off (any key sequence)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.array(fc.constantFrom(...KEYS), { maxLength: 30 }), (currency, keys) => {
        const entry = keys.reduce((state, key) => pressEntryKey(state, key, currency), EMPTY_ENTRY);
        const charged = entryMinor(entry, currency);
        const intended = meantMinor(meant(keys), currency);
        if (charged === null) {
          // Off only for a reason: something held, nothing (or zero) typed, or too large to take.
          expect(entry.refused.length > 0 || intended === null || intended === 0n || intended > BigInt(MAX_AMOUNT_MINOR)).toBe(true);
          return;
        }
        expect(entry.refused).toHaveLength(0);
        expect(BigInt(charged)).toBe(shownMinor(entry, currency));
        expect(BigInt(charged)).toBe(intended);
        // What is sent is the same amount again, as the service parses it.
        const sent = parseAmount(entryAmount(entry, currency) as string, currency);
        expect(sent).toEqual({ ok: true, minor: charged });
      }),
      { numRuns: 5_000 },
    );
  });

  it('takes back held keys one Backspace at a time, then the text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.array(fc.constantFrom(...KEYS), { maxLength: 30 }), (currency, keys) => {
        const entry = keys.reduce((state, key) => pressEntryKey(state, key, currency), EMPTY_ENTRY);
        const back = pressEntryKey(entry, 'Backspace', currency);
        if (entry.refused.length > 0) expect(back).toEqual({ text: entry.text, refused: entry.refused.slice(0, -1) });
        else expect(back.text).toBe(entry.text.slice(0, -1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('never turns "12.5" in JPY into 125, nor "12.505" in EUR into 12.50', () => {
    const type = (keys: KeypadKey[], currency: string) => keys.reduce((state, key) => pressEntryKey(state, key, currency), EMPTY_ENTRY);
    const yen = type(['1', '2', '.', '5'], 'JPY');
    expect(yen).toMatchObject({ text: '12', refused: [{ key: '.', why: 'no-decimals' }, { key: '5', why: 'no-decimals' }] });
    expect(entryMinor(yen, 'JPY')).toBeNull();
    const euro = type(['1', '2', '.', '5', '0', '5'], 'EUR');
    expect(euro).toMatchObject({ text: '12.50', refused: [{ key: '5', why: 'too-many-decimals' }] });
    expect(entryMinor(euro, 'EUR')).toBeNull();
    const big = type(Array<KeypadKey>(11).fill('9'), 'EUR');
    expect(big.refused[0]?.why).toBe('too-large');
    expect(entryMinor(big, 'EUR')).toBeNull();
  });
});
