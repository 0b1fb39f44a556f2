import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  currencyExponent,
  decimalToMinor,
  formatMoney,
  minorToDecimal,
  minorToJsonNumber,
  parseAmount,
  parseDecimal,
} from '../../shared/money';
import { EMPTY_ENTRY, pressEntryKey, type KeypadKey } from '../../shared/entry';

/** The accepted text, with the refused keys after it marked as "|n" (n keys held). */
function type(keys: KeypadKey[], currency: string): string {
  const entry = keys.reduce((state, key) => pressEntryKey(state, key, currency), EMPTY_ENTRY);
  return entry.refused.length ? `${entry.text}|${entry.refused.length}` : entry.text;
}

describe('money', () => {
  it('knows the ISO 4217 exponents that are not two', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(() => currencyExponent('XXX1')).toThrow(/Unknown currency/);
  });

  it('parses typed amounts into minor units without floats', () => {
    expect(parseAmount('12.50', 'EUR')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('12.5', 'EUR')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('0.29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('1.250', 'KWD')).toEqual({ ok: true, minor: 1250 });
    // 0.1 + 0.2 style errors cannot happen: the digits are concatenated, never multiplied.
    expect(parseAmount('1.15', 'EUR')).toEqual({ ok: true, minor: 115 });
  });

  it('refuses amounts a cashier could not mean, with a sentence', () => {
    for (const bad of ['', 'abc', '1,50', '-5', '1.2.3', '1e3', ' ']) expect(parseAmount(bad, 'EUR').ok).toBe(false);
    expect(parseAmount('1.234', 'EUR')).toEqual({ ok: false, message: 'EUR has at most 2 decimals' });
    expect(parseAmount('1.5', 'JPY')).toEqual({ ok: false, message: 'JPY has no decimals' });
    expect(parseAmount('0', 'EUR')).toEqual({ ok: false, message: 'The amount must be more than zero' });
    expect(parseAmount('0.00', 'EUR').ok).toBe(false);
    expect(parseAmount('999999999999', 'EUR')).toEqual({ ok: false, message: 'The amount is too large' });
  });

  it('formats minor units with exactly the currency decimals', () => {
    expect(minorToDecimal(1250, 'EUR')).toBe('12.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorToDecimal(1250, 'KWD')).toBe('1.250');
    expect(minorToDecimal(-1250, 'EUR')).toBe('-12.50');
    expect(formatMoney(1250, 'EUR')).toBe('EUR 12.50');
  });

  it('gives the gateway a JSON number with the currency decimals', () => {
    expect(JSON.stringify({ fiatAmount: minorToJsonNumber(145, 'EUR') })).toBe('{"fiatAmount":1.45}');
    expect(JSON.stringify({ fiatAmount: minorToJsonNumber(1250, 'EUR') })).toBe('{"fiatAmount":12.5}');
    expect(JSON.stringify({ fiatAmount: minorToJsonNumber(1500, 'JPY') })).toBe('{"fiatAmount":1500}');
    expect(JSON.stringify({ fiatAmount: minorToJsonNumber(1, 'KWD') })).toBe('{"fiatAmount":0.001}');
  });

  it('compares crypto decimals exactly', () => {
    const a = parseDecimal('1.580437');
    const b = parseDecimal('1.5804370');
    const c = parseDecimal('1.580438');
    if (!a || !b || !c) throw new Error('parse');
    expect(compareDecimal(a, b)).toBe(0);
    expect(compareDecimal(a, c)).toBe(-1);
    expect(compareDecimal(c, a)).toBe(1);
    expect(parseDecimal('1.5e3')).toBeNull();
    expect(parseDecimal('0x10')).toBeNull();
  });

  it('converts notice amounts to minor units only when exact', () => {
    expect(decimalToMinor('1.450', 'EUR')).toBe(145);
    expect(decimalToMinor('1.455', 'EUR')).toBeNull();
    expect(decimalToMinor('7', 'EUR')).toBe(700);
    expect(decimalToMinor('1500.0', 'JPY')).toBe(1500);
    expect(decimalToMinor('nope', 'EUR')).toBeNull();
  });

  it('keeps the keypad text valid for the currency and holds what it cannot take', () => {
    expect(type(['1', '2', '.', '5', '0'], 'EUR')).toBe('12.50');
    expect(type(['1', '2', '.', '5', '0', '9'], 'EUR')).toBe('12.50|1');
    expect(type(['.', '5'], 'EUR')).toBe('0.5');
    expect(type(['0', '0', '7'], 'EUR')).toBe('7');
    expect(type(['1', '.', '.', '2'], 'EUR')).toBe('1.|2');
    expect(type(['1', '.', '5'], 'JPY')).toBe('1|2');
    expect(type(['1', '.', '5', 'Backspace', 'Backspace', '5'], 'JPY')).toBe('15');
    expect(type(['1', '.', '2', '5', '0', '1'], 'KWD')).toBe('1.250|1');
    expect(type(['1', '2', 'Backspace'], 'EUR')).toBe('1');
    expect(type(['1', '2', 'Clear'], 'EUR')).toBe('');
    expect(type(['5', '00'], 'EUR')).toBe('500');
    expect(type(['1', '.', '5', '00'], 'EUR')).toBe('1.5|2');
    expect(type(Array<KeypadKey>(11).fill('9'), 'EUR')).toBe('999999999|2');
    expect(type(Array<KeypadKey>(12).fill('9'), 'JPY')).toBe('99999999999|1');
  });
});
