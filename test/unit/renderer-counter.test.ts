// The register's pure rules (issue 12): the counter's own clock, the tip of a percentage, what an
// underpaid sale still misses, which changes ring the chime, and the customer receipt's page.
import { describe, expect, it } from 'vitest';
import { alertFor } from '../../renderer/alerts';
import { counterClock, formatElapsed } from '../../renderer/countdown';
import { pageRule } from '../../renderer/receipt-print';
import { tipMinorFor } from '../../renderer/screens/TipStep';
import { shortfallOf } from '../../renderer/shortfall';

const MINUTE_MS = 60_000;
const start = Date.parse('2026-11-29T12:00:00Z');

describe("the counter's clock", () => {
  const sale = { createdAt: new Date(start).toISOString(), expiresAt: new Date(start + 14 * 24 * 60 * MINUTE_MS).toISOString() };

  it('counts up from the charge and hides the gateway’s 14-day expiry behind its own time-out', () => {
    const clock = counterClock(sale, start + 15 * MINUTE_MS, start + 133_000);
    expect(formatElapsed(clock.elapsedMs)).toBe('02:13');
    expect(clock.askStillWaiting).toBe(false);
    expect(clock.expiresInMs).toBeNull();
  });

  it('asks "still waiting?" once its time-out has passed, again after keeping waiting', () => {
    expect(counterClock(sale, start + 15 * MINUTE_MS, start + 15 * MINUTE_MS).askStillWaiting).toBe(true);
    expect(counterClock(sale, start + 30 * MINUTE_MS, start + 16 * MINUTE_MS).askStillWaiting).toBe(false);
  });

  it('shows the gateway’s expiry only when it comes sooner', () => {
    const soon = { ...sale, expiresAt: new Date(start + 10 * MINUTE_MS).toISOString() };
    expect(counterClock(soon, start + 15 * MINUTE_MS, start + 4 * MINUTE_MS).expiresInMs).toBe(6 * MINUTE_MS);
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });
});

describe('tips', () => {
  it('rounds a percentage half up to the minor unit, in integers', () => {
    expect(tipMinorFor(1000, 10)).toBe(100);
    expect(tipMinorFor(1005, 10)).toBe(101);
    expect(tipMinorFor(1004, 10)).toBe(100);
    expect(tipMinorFor(99_999_999_999, 15)).toBe(15_000_000_000);
  });
});

describe('the shortfall of an underpaid sale', () => {
  const underpaid = { status: 'review' as const, reviewReason: 'underpaid' as const, amountMinor: 1250, cryptoAmount: '13.630000', paidCryptoAmount: '6.815' };

  it('is the missing crypto, exactly, and its share of the price rounded up', () => {
    expect(shortfallOf(underpaid)).toEqual({ crypto: '6.815000', fiatMinor: 625 });
    expect(shortfallOf({ ...underpaid, paidCryptoAmount: '13.63' })).toBeNull();
    expect(shortfallOf({ ...underpaid, paidCryptoAmount: '13.629999' })).toEqual({ crypto: '0.000001', fiatMinor: 1 });
  });

  it('is nothing for another review reason or a sale not in review', () => {
    expect(shortfallOf({ ...underpaid, reviewReason: 'late' as never })).toBeNull();
    expect(shortfallOf({ ...underpaid, status: 'paid' as never })).toBeNull();
  });
});

describe('alerts', () => {
  it('ring for a payment arriving or needing review, never for the owner accepting a review', () => {
    expect(alertFor('pending', { status: 'paid' })).toBe('paid');
    expect(alertFor(null, { status: 'paid' })).toBe('paid');
    expect(alertFor('pending', { status: 'review' })).toBe('review');
    expect(alertFor('review', { status: 'paid' })).toBeNull();
    expect(alertFor('paid', { status: 'paid' })).toBeNull();
    expect(alertFor('pending', { status: 'cancelled' })).toBeNull();
  });
});

describe('the customer receipt page', () => {
  it('is as wide as the roll and as long as the receipt, or A4', () => {
    expect(pageRule('80mm', 101.2)).toBe('@page { size: 80mm 102mm; margin: 0; }');
    expect(pageRule('58mm', 90)).toBe('@page { size: 58mm 90mm; margin: 0; }');
    expect(pageRule('a4', 90)).toBe('@page { size: A4; margin: 12mm; }');
  });
});
