// The notice rules alone, as pure functions: what each kind of payment does to a sale.
import { describe, expect, it } from 'vitest';
import { judgeNotice, noticeKey } from '../../electron/pos/webhook/judge';
import { readBody, storableNotice } from '../../electron/pos/webhook/read-notice';
import type { Notice } from '../../shared/mitilena';
import type { Sale } from '../../shared/sale';
import { aSale } from '../helpers/sales';

const NOW = new Date('2026-11-26T12:00:00.000Z');

function sale(overrides: Partial<Sale> = {}): Sale {
  return aSale({
    amountMinor: 145,
    createdAt: '2026-11-26T11:00:00.000Z',
    invoiceId: 'auto-e80099-ef456c-e0de42',
    paymentPage: 'https://mitilena.com/pay/auto-e80099-ef456c-e0de42',
    cryptoAmount: '1.580437',
    expiresAt: '2026-12-10T11:00:00.000Z',
    webhookUrl: 'https://shop.example/mitilena/webhook/x',
    ...overrides,
  });
}

function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    mitilenaInvoiceId: 'auto-e80099-ef456c-e0de42',
    yourPaymentId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W',
    yourProductName: '',
    yourProductId: 'counter-1',
    stableCoinAmount: '1.580437',
    stableCoinSymbol: 'USDT',
    stableCoinBlockchain: 'TRC20',
    localCurrencyAmount: '1.450',
    localCurrencyCode: 'EUR',
    wasPaid: true,
    blockchainHash: '5f0c3b1d9a7e4c2b8d6f1a3e5c7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c0e1b',
    ...overrides,
  };
}

describe('judging a paid notice', () => {
  it('accepts the exact amount, with trailing zeros written either way', () => {
    expect(judgeNotice(sale(), notice(), NOW)).toEqual({ kind: 'paid', overpaid: false });
    expect(judgeNotice(sale(), notice({ stableCoinAmount: '1.5804370', localCurrencyAmount: '1.45' }), NOW)).toEqual({ kind: 'paid', overpaid: false });
  });

  it('flags one base unit too little as underpaid and one too many as overpaid', () => {
    expect(judgeNotice(sale(), notice({ stableCoinAmount: '1.580436' }), NOW)).toMatchObject({ kind: 'review', reason: 'underpaid' });
    expect(judgeNotice(sale(), notice({ stableCoinAmount: '1.580438' }), NOW)).toEqual({ kind: 'paid', overpaid: true });
  });

  it('needs both amounts to reach the price: a lower fiat figure from the gateway goes to review, a higher one is noted', () => {
    expect(judgeNotice(sale(), notice({ localCurrencyAmount: '1.449' }), NOW)).toMatchObject({ kind: 'review', reason: 'underpaid', detail: expect.stringContaining('less than the price') });
    expect(judgeNotice(sale(), notice({ localCurrencyAmount: '1.451' }), NOW)).toMatchObject({ kind: 'paid', overpaid: false, note: expect.stringContaining('EUR 1.451') });
    const creating = sale({ status: 'creating', invoiceId: null, cryptoAmount: null, cryptoSymbol: null });
    expect(judgeNotice(creating, notice({ localCurrencyAmount: '1.449' }), NOW)).toMatchObject({ kind: 'review', reason: 'underpaid' });
  });

  it('compares currency, token and network, case-insensitively for the names', () => {
    expect(judgeNotice(sale(), notice({ localCurrencyCode: 'USD' }), NOW)).toMatchObject({ reason: 'wrong-currency' });
    expect(judgeNotice(sale(), notice({ stableCoinSymbol: 'USDC' }), NOW)).toMatchObject({ reason: 'wrong-currency' });
    expect(judgeNotice(sale(), notice({ stableCoinBlockchain: 'BEP20' }), NOW)).toMatchObject({ reason: 'wrong-currency' });
    expect(judgeNotice(sale(), notice({ stableCoinBlockchain: 'trc20', stableCoinSymbol: 'usdt' }), NOW)).toEqual({ kind: 'paid', overpaid: false });
  });

  it('does not check a network name the contract does not give for the chain', () => {
    const vmt = sale({ blockchain: 'mitilena-own', cryptoSymbol: 'VMT' });
    expect(judgeNotice(vmt, notice({ stableCoinSymbol: 'VMT', stableCoinBlockchain: 'VMT' }), NOW)).toEqual({ kind: 'paid', overpaid: false });
  });

  it('keeps late payments for review whatever ended the sale', () => {
    for (const status of ['cancelled', 'expired', 'failed', 'voided'] as const) {
      expect(judgeNotice(sale({ status }), notice(), NOW)).toMatchObject({ kind: 'review', reason: 'late' });
    }
    expect(judgeNotice(sale({ expiresAt: '2026-11-26T12:00:00.000Z' }), notice(), NOW)).toMatchObject({ reason: 'late' });
  });

  it('flags another invoice, and tells a resend from a second payment of a paid sale', () => {
    expect(judgeNotice(sale(), notice({ mitilenaInvoiceId: 'auto-other' }), NOW)).toMatchObject({ reason: 'invoice-mismatch' });
    const paid = sale({ status: 'paid', txHash: null, paidCryptoAmount: '1.580437' });
    // The same payment told again, now with its hash, or with the amount written longer.
    expect(judgeNotice(paid, notice(), NOW)).toMatchObject({ kind: 'record-only' });
    expect(judgeNotice(paid, notice({ blockchainHash: null, stableCoinAmount: '1.5804370' }), NOW)).toMatchObject({ kind: 'record-only' });
    // A different transaction, or a different amount: a second payment.
    expect(judgeNotice(sale({ status: 'paid', txHash: 'aa'.repeat(32), paidCryptoAmount: '1.580437' }), notice(), NOW)).toMatchObject({ kind: 'second-payment' });
    expect(judgeNotice(paid, notice({ stableCoinAmount: '3.000000' }), NOW)).toMatchObject({ kind: 'second-payment' });
  });

  it('records the late notice of a payment already found on the chain without flagging it (any hash spelling)', () => {
    const hash = notice().blockchainHash as string;
    expect(judgeNotice(sale({ status: 'paid', txHash: hash, confirmation: 'recovered' }), notice(), NOW)).toMatchObject({ kind: 'record-only' });
    expect(judgeNotice(sale({ status: 'paid', txHash: `0x${hash.toUpperCase()}` }), notice(), NOW)).toMatchObject({ kind: 'record-only' });
    expect(judgeNotice(sale({ status: 'paid', txHash: hash }), notice({ blockchainHash: null }), NOW)).toMatchObject({ kind: 'second-payment' });
  });

  it('matches a notice that arrives while the invoice is still being created by its fiat amount', () => {
    const creating = sale({ status: 'creating', invoiceId: null, cryptoAmount: null, cryptoSymbol: null });
    expect(judgeNotice(creating, notice(), NOW)).toEqual({ kind: 'paid', overpaid: false });
  });
});

describe('notice identity and storage', () => {
  it('recognises a resend but not a different payment', () => {
    expect(noticeKey(notice())).toBe(noticeKey(notice({ yourProductName: 'changed', yourProductId: null })));
    expect(noticeKey(notice())).toBe(noticeKey(notice({ stableCoinAmount: '1.58043700', blockchainHash: `0x${notice().blockchainHash?.toUpperCase()}` })));
    expect(noticeKey(notice())).not.toBe(noticeKey(notice({ blockchainHash: 'ff'.repeat(32) })));
    expect(noticeKey(notice())).not.toBe(noticeKey(notice({ stableCoinAmount: '2' })));
  });

  it('stores a notice without its secret, with every field it came with (extra ones too) and numbers as written', () => {
    const text = JSON.stringify({ statusObj: { ...notice(), secretKey: 'the-key-0123456789', extra: { echo: 'x the-key-0123456789 y' } } }).replace('"1.580437"', '1.5804370000000000001');
    const read = readBody(text);
    if (!read.ok) throw new Error(read.reason);
    const stored = storableNotice(read.value, ['the-key-0123456789']) as { statusObj: Record<string, unknown> };
    expect(stored.statusObj).not.toHaveProperty('secretKey');
    expect(JSON.stringify(stored)).not.toContain('the-key');
    expect(stored.statusObj.mitilenaInvoiceId).toBe('auto-e80099-ef456c-e0de42');
    expect(stored.statusObj.stableCoinAmount).toBe('1.5804370000000000001');
    expect(stored.statusObj.extra).toEqual({ echo: 'x [redacted] y' });
  });
});
