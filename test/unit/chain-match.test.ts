import { describe, expect, it } from 'vitest';
import { formatBaseUnits, invoiceOf, matchPayment, paysInvoice, toBaseUnits, type Invoice } from '../../electron/pos/chain/match';
import { backoffMs, createRateLimiter } from '../../electron/pos/chain/rate-limit';
import { isRecoveryCandidate, RECOVERY_WINDOW_MS } from '../../electron/pos/chain/recovery';
import { tronAddressFromAny } from '../../electron/pos/chain/tron-address';
import { normalizeHash, TOKENS, type Transfer } from '../../electron/pos/chain/types';
import type { Sale } from '../../shared/sale';
import { aSale } from '../helpers/sales';

const SHOP_TRON = 'TJmmqjb1DK9TTZbQXzRQ2AuA94z4gKAPFh';
const SHOP_EVM = '0x9aF1b1C5c7b9E6f2f4A1d3c5E7b9A1c3E5f7A9b1';
const CREATED = '2026-11-20T10:00:00.000Z';

function sale(overrides: Partial<Sale> = {}): Sale {
  return aSale({ id: 'sale-1', createdAt: CREATED, paymentPage: 'https://pay.example/1', address: SHOP_TRON, ...overrides });
}

function invoice(overrides: Partial<Sale> = {}): Invoice {
  const checked = invoiceOf(sale(overrides));
  if (!checked.ok) throw new Error(checked.message);
  return checked.invoice;
}

function transfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    hash: 'a'.repeat(64), from: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf', to: SHOP_TRON, contract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    amountBaseUnits: 13_571_234n, decimals: 6, at: new Date('2026-11-20T10:03:00Z'), ...overrides,
  };
}

describe('exact amounts in base units', () => {
  it('converts an invoice amount with the token decimals, without a float', () => {
    expect(toBaseUnits('13.571234', 6)).toEqual({ ok: true, units: 13_571_234n });
    expect(toBaseUnits('13.5', 6)).toEqual({ ok: true, units: 13_500_000n });
    expect(toBaseUnits('7', 6)).toEqual({ ok: true, units: 7_000_000n });
    expect(toBaseUnits('13.571234', 18)).toEqual({ ok: true, units: 13_571_234_000_000_000_000n });
    // 0.1 + 0.2 style traps do not exist here: 9007199254.740993 is beyond a double's precision.
    expect(toBaseUnits('9007199254.740993', 6)).toEqual({ ok: true, units: 9_007_199_254_740_993n });
  });

  it('refuses more significant decimals than the token has, and text that is not an amount', () => {
    expect(toBaseUnits('1.2345678', 6).ok).toBe(false);
    expect(toBaseUnits('1.5000000', 6)).toEqual({ ok: true, units: 1_500_000n });
    for (const bad of ['', '1,5', '-1', '1e6', '0x10', ' .5', 'NaN']) expect(toBaseUnits(bad, 6).ok).toBe(false);
  });

  it('formats base units back for messages', () => {
    expect(formatBaseUnits(13_571_234n, 6)).toBe('13.571234');
    expect(formatBaseUnits(5n, 6)).toBe('0.000005');
    expect(formatBaseUnits(13_571_234_000_000_000_000n, 18)).toBe('13.571234000000000000');
  });

  it('never confuses two invoices whose amounts differ only in the last digits', () => {
    const first = invoice({ id: 'a', cryptoAmount: '13.571234' });
    const second = invoice({ id: 'b', cryptoAmount: '13.571235' });
    const payFirst = transfer({ hash: '1'.repeat(64), amountBaseUnits: 13_571_234n });
    const paySecond = transfer({ hash: '2'.repeat(64), amountBaseUnits: 13_571_235n });
    expect(matchPayment(first, [paySecond, payFirst], () => false)?.hash).toBe(payFirst.hash);
    expect(matchPayment(second, [payFirst, paySecond], () => false)?.hash).toBe(paySecond.hash);
    expect(matchPayment(first, [paySecond], () => false)).toBeNull();
  });

  it('compares BEP20 USDT with 18 decimals and ERC20 USDT with 6', () => {
    const bep = invoice({ blockchain: 'tether-bep20', address: SHOP_EVM, cryptoAmount: '13.571234' });
    const erc = invoice({ blockchain: 'tether-erc20', address: SHOP_EVM, cryptoAmount: '13.571234' });
    expect(bep.units).toBe(13_571_234_000_000_000_000n);
    expect(erc.units).toBe(13_571_234n);
    const onBsc = transfer({ contract: TOKENS['tether-bep20']?.contract ?? '', to: SHOP_EVM.toLowerCase(), amountBaseUnits: bep.units, decimals: 18 });
    expect(paysInvoice(onBsc, bep)).toBe(true);
    // The same 13.571234 written with 6 decimals is 10^12 times too little on BNB Smart Chain.
    expect(paysInvoice({ ...onBsc, amountBaseUnits: 13_571_234n }, bep)).toBe(false);
    expect(paysInvoice({ ...onBsc, decimals: 6 }, bep)).toBe(false);
  });

  it('compares EVM addresses without case and Tron addresses exactly', () => {
    expect(paysInvoice(transfer({ to: SHOP_TRON.toLowerCase() }), invoice())).toBe(false);
    expect(paysInvoice(transfer({ to: SHOP_TRON }), invoice())).toBe(true);
    const erc = invoice({ blockchain: 'tether-erc20', address: SHOP_EVM });
    expect(paysInvoice(transfer({ contract: '0xDAC17F958D2EE523A2206206994597C13D831EC7', to: SHOP_EVM.toUpperCase().replace('0X', '0x') }), erc)).toBe(true);
  });

  it('ignores transfers before the sale, of another token, to another address, or already claimed', () => {
    const target = invoice();
    expect(matchPayment(target, [transfer({ at: new Date('2026-11-20T09:59:59Z') })], () => false)).toBeNull();
    expect(matchPayment(target, [transfer({ contract: 'TXLAQ63Xg1NAzckPwKHvzw7CSEmLMEqcdj' })], () => false)).toBeNull();
    expect(matchPayment(target, [transfer({ to: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf' })], () => false)).toBeNull();
    expect(matchPayment(target, [transfer()], (hash) => hash === 'a'.repeat(64))).toBeNull();
    expect(matchPayment(target, [transfer({ at: new Date(CREATED) })], () => false)).not.toBeNull();
  });

  it('says why a sale cannot be checked on the chain', () => {
    expect(invoiceOf(sale({ blockchain: 'mitilena-own' })).ok).toBe(false);
    expect(invoiceOf(sale({ address: null })).ok).toBe(false);
    expect(invoiceOf(sale({ cryptoAmount: '0.0000001' })).ok).toBe(false);
  });
});

describe('recovery candidates', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  it('takes pending and expired sales of the last 14 days only', () => {
    expect(isRecoveryCandidate(sale(), now)).toBe(true);
    expect(isRecoveryCandidate(sale({ status: 'expired' }), now)).toBe(true);
    for (const status of ['paid', 'cancelled', 'review', 'voided', 'failed', 'creating'] as const) {
      expect(isRecoveryCandidate(sale({ status }), now)).toBe(false);
    }
    const old = new Date(now.getTime() - RECOVERY_WINDOW_MS - 1000).toISOString();
    expect(isRecoveryCandidate(sale({ createdAt: old }), now)).toBe(false);
  });
});

describe('Tron addresses and hashes', () => {
  it('converts the hex an event carries into the base58 an invoice shows', () => {
    expect(tronAddressFromAny('0xa614f803b6fd780986a42c78ec9c7f77e6ded13c')).toBe('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    expect(tronAddressFromAny('41a614f803b6fd780986a42c78ec9c7f77e6ded13c')).toBe('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    expect(tronAddressFromAny('not an address')).toBeNull();
  });

  it('normalizes hashes per chain and refuses what cannot be one', () => {
    expect(normalizeHash(`0x${'AB'.repeat(32)}`, 'tron')).toBe('ab'.repeat(32));
    expect(normalizeHash('ab'.repeat(32), 'evm')).toBe(`0x${'ab'.repeat(32)}`);
    expect(normalizeHash('0x1234', 'evm')).toBeNull();
  });
});

describe('rate limiter', () => {
  it('spaces request starts and holds them all during a pause', async () => {
    const limiter = createRateLimiter({ minIntervalMs: 40 });
    const starts: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => limiter.schedule(async () => starts.push(Date.now()))));
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(38);
    limiter.pause(120);
    const before = Date.now();
    await limiter.schedule(async () => undefined);
    expect(Date.now() - before).toBeGreaterThanOrEqual(110);
  });

  it('backs off exponentially, bounded, and honours a longer Retry-After', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 1000, 5000, null))).toEqual([1000, 2000, 4000, 5000]);
    expect(backoffMs(0, 1000, 30_000, 3000)).toBe(3000);
    expect(backoffMs(0, 1000, 30_000, 120_000)).toBe(30_000);
  });
});
