// The pieces that read a notice liberally and the redaction that keeps keys out of what is stored.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../electron/pos/net/redact';
import { placeCurrency, placeNetwork, placeToken } from '../../electron/pos/webhook/labels';
import { plainDecimal } from '../../shared/mitilena';

describe('amounts as written', () => {
  it('turns every exact decimal form into plain text without going through a double', () => {
    expect(plainDecimal('13.63000699999999999')).toBe('13.63000699999999999');
    expect(plainDecimal('1.5e3')).toBe('1500');
    expect(plainDecimal('1580437e-6')).toBe('1.580437');
    expect(plainDecimal('1E-7')).toBe('0.0000001');
    expect(plainDecimal('0012.50')).toBe('12.50');
    expect(plainDecimal('12.')).toBeNull();
    for (const bad of ['-1', '1,5', 'NaN', '', ' 1', '0x10', '1e', 'Infinity', '1e999']) expect(plainDecimal(bad)).toBeNull();
  });
});

describe('labels', () => {
  it('places network spellings against the invoice network', () => {
    expect(placeNetwork('tether-trc20', 'tether-trc20')).toBe('ours');
    expect(placeNetwork('TRC-20', 'tether-trc20')).toBe('ours');
    expect(placeNetwork('Tether USD (ERC20)', 'tether-erc20')).toBe('ours');
    expect(placeNetwork('Tether USD (ERC20)', 'tether-trc20')).toBe('other');
    expect(placeNetwork('BEP2', 'tether-bep20')).toBe('other');
    expect(placeNetwork('TRC20/ERC20', 'tether-trc20')).toBe('unplaced');
    expect(placeNetwork('USDT', 'tether-trc20')).toBe('unplaced');
    expect(placeNetwork(null, 'tether-trc20')).toBe('unplaced');
    // "tether" holds "eth" but names no network.
    expect(placeNetwork('tether', 'tether-trc20')).toBe('unplaced');
    expect(placeNetwork('ERC20', 'apfcoin')).toBe('ours');
  });

  it('places tokens and currencies, in any case', () => {
    expect(placeToken('Tether', 'USDT')).toBe('ours');
    expect(placeToken('usd₮', 'USDT')).toBe('ours');
    expect(placeToken('USDC', 'USDT')).toBe('other');
    expect(placeToken('XYZ', 'USDT')).toBe('unplaced');
    expect(placeCurrency('eur', 'EUR')).toBe('ours');
    expect(placeCurrency('USD', 'EUR')).toBe('other');
    expect(placeCurrency('Euro', 'EUR')).toBe('unplaced');
  });
});

describe('redaction', () => {
  const key = 'mk_live_7Hq2ZpXv9LrT4sWc';
  it('removes the key, fragments of 8+ characters, and copies split by invisible characters', () => {
    expect(redactSecrets(`a ${key} b`, [key])).toBe('a [redacted] b');
    expect(redactSecrets(`a ${key.slice(3, 11)} b`, [key])).toBe('a [redacted] b');
    expect(redactSecrets(`a ${key.slice(3, 10)} b`, [key])).toBe(`a ${key.slice(3, 10)} b`);
    expect(redactSecrets(`a ${[...key].join('\u200b')} b`, [key])).toBe('a [redacted] b');
    expect(redactSecrets(`a ${key.slice(0, 9)}\u0000\u00ad${key.slice(9)} b`, [key])).toBe('a [redacted] b');
    expect(redactSecrets(`${key.toUpperCase()}`, [key])).toBe('[redacted]');
    expect(redactSecrets('nothing here', [key, null, undefined])).toBe('nothing here');
  });
});
