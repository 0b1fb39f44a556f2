// A whole Sale value for tests of pure logic: a pending EUR 12.50 sale on Tron with its invoice.
// Tests override what they rely on, so a new Sale field is added here once.
import type { Sale } from '../../shared/sale';

export function aSale(overrides: Partial<Sale> = {}): Sale {
  const createdAt = overrides.createdAt ?? '2026-11-26T10:00:00.000Z';
  return {
    id: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W',
    status: 'pending',
    amountMinor: 1250,
    currency: 'EUR',
    note: '',
    createdAt,
    updatedAt: createdAt,
    sandbox: false,
    blockchain: 'tether-trc20',
    invoiceId: 'inv-1',
    paymentPage: 'https://pay.example/inv-1',
    cryptoAmount: '13.571234',
    cryptoSymbol: 'USDT',
    address: 'TRHpcBugcdEdD6BdW6k1Grtof6LBvRGWWJ',
    expiresAt: null,
    webhookUrl: null,
    failure: null,
    reviewReason: null,
    reviewDetail: null,
    overpaid: false,
    paidAt: null,
    paidCryptoAmount: null,
    txHash: null,
    confirmation: null,
    tipMinor: 0,
    cashier: null,
    linkedSaleId: null,
    recognisedMinor: null,
    refundedMinor: 0,
    refundedCrypto: null,
    ...overrides,
  };
}
