// What a sandbox invoice is: checking an order against CONTRACT.md §1, pricing it exactly, and the
// 200 answer in the guide's shape. Pure functions, so the server file stays about HTTP.
import { randomBytes } from 'node:crypto';
import { BLOCKCHAINS, LANGUAGES, NETWORKS, type Blockchain } from '../../../shared/mitilena';
import { isHttpUrl } from '../../../shared/url';
import { tronAddressFromAny } from '../chain/tron-address';
import type { SimulationKind } from './sandbox-page';

/** More decimals than any currency has means the client computed money with floats. */
const MAX_FIAT_DECIMALS = 8;

/** Demo rates, fiat units per one token. Made up, fixed, so demos and tests are reproducible. */
const DEMO_RATES: Readonly<Record<string, string>> = {
  USD: '1.000', EUR: '0.917', GBP: '0.790', CHF: '0.880', CZK: '23.100', PLN: '3.950', TRY: '34.200',
  JPY: '149.500', KWD: '0.308', BHD: '0.377', AED: '3.673', INR: '83.300', RUB: '92.000',
};
const DEFAULT_RATE = '1.000';

export function demoRate(fiatCode: string): string {
  return DEMO_RATES[fiatCode] ?? DEFAULT_RATE;
}

/** The token contracts the guide lists; the VMT token's contract is not published. */
const CONTRACT_ADDRESSES: Readonly<Record<Blockchain, string>> = {
  'tether-erc20': '0xdac17f958d2ee523a2206206994597c13d831ec7',
  'tether-bep20': '0x55d398326f99059ff775485246999027b3197955',
  'tether-trc20': 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  'mitilena-own': '',
  apfcoin: '0x8eD955a2b7d2C3a17a9d05dACa95E01818f8C11e',
};

export interface InvoiceOrder {
  paymentId: string;
  blockchain: Blockchain;
  fiatCode: string;
  fiatText: string;
  customerEmail: string;
  productId: string;
  redirectUrl: string;
  webhookUrl: string;
}

/** Returns an error sentence (the part after "Error: ") or the order; checks follow CONTRACT.md §1. */
export function validateOrder(body: unknown, signature: string | string[] | undefined, apiKey: string): string | InvoiceOrder {
  if (signature !== apiKey) return 'mitilena-signature header does not match the API key';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const field = (name: string): unknown => (body as Record<string, unknown>)[name];
  if (field('userSecret') !== apiKey) return 'userSecret does not match the API key';
  const paymentId = field('userPaymentId');
  if (typeof paymentId !== 'string' || paymentId.length < 1 || paymentId.length > 200) return 'userPaymentId is required';
  const blockchain = field('blockchain');
  if (!BLOCKCHAINS.includes(blockchain as Blockchain)) return `blockchain must be one of ${BLOCKCHAINS.join(', ')}`;
  const fiatCode = field('fiatCode');
  if (typeof fiatCode !== 'string' || !/^[A-Z]{3}$/.test(fiatCode)) return 'fiatCode must be a 3-letter ISO 4217 code';
  const customerEmail = field('customerEmail');
  if (typeof customerEmail !== 'string') return 'customerEmail must be a string';
  const fiatAmount = field('fiatAmount');
  if (typeof fiatAmount !== 'number') return 'fiatAmount must be a number';
  // String(number) is the shortest exact-enough form (12.5 → "12.5"); exponent forms are out of range.
  const amountMatch = /^(\d+)(?:\.(\d+))?$/.exec(String(fiatAmount));
  if (!Number.isFinite(fiatAmount) || fiatAmount <= 0 || !amountMatch) return 'fiatAmount must be a positive number';
  const decimals = amountMatch[2] ?? '';
  if (decimals.length > MAX_FIAT_DECIMALS) return 'fiatAmount has too many decimals';
  const language = field('language');
  if (language !== undefined && !LANGUAGES.includes(language as (typeof LANGUAGES)[number])) {
    return `language must be one of ${LANGUAGES.join(', ')}`;
  }
  const productId = field('userProductId') ?? '';
  if (typeof productId !== 'string') return 'userProductId must be a string';
  const redirectUrl = field('redirectUrl_yours') ?? '';
  if (typeof redirectUrl !== 'string') return 'redirectUrl_yours must be a string';
  const webhookUrl = field('webHookPostUrl_yours');
  if (typeof webhookUrl !== 'string' || !isHttpUrl(webhookUrl)) return 'webHookPostUrl_yours must be an http(s) URL';
  return {
    paymentId,
    blockchain: blockchain as Blockchain,
    fiatCode,
    // The real gateway answers fiat with at least three decimals ("1.450"); so does the sandbox.
    fiatText: `${amountMatch[1]}.${decimals.padEnd(3, '0')}`,
    customerEmail,
    productId,
    redirectUrl,
    webhookUrl,
  };
}

/**
 * The amount to pay in millionths of a token: fiat / rate cut to cents, then invoiceVs as the last
 * four digits, as the guide's example does ("1.58" + "0437" → "1.580437"). Exact bigint arithmetic.
 */
export function cryptoMicroUnits(fiatText: string, rate: string, invoiceVs: number): bigint {
  const [fiatWhole = '0', fiatFraction = ''] = fiatText.split('.');
  const [rateWhole = '0', rateFraction = ''] = rate.split('.');
  const numerator = BigInt(fiatWhole + fiatFraction) * 10n ** BigInt(rateFraction.length) * 100n;
  const denominator = BigInt(rateWhole + rateFraction) * 10n ** BigInt(fiatFraction.length);
  return (numerator / denominator) * 10_000n + BigInt(invoiceVs);
}

export function formatMicro(micro: bigint): string {
  const digits = micro.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** A well-formed Tron address (0x41 prefix, base58check) so wallets scanning the QR accept its shape. */
function tronAddress(): string {
  return tronAddressFromAny(`41${randomHex(20)}`) as string;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export interface SandboxInvoice extends InvoiceOrder {
  id: string;
  /** The gateway's own running number for the invoice, shown as productId in its answer. */
  serial: number;
  invoiceVs: number;
  rate: string;
  cryptoMicro: bigint;
  address: string;
  createdAt: Date;
  expiresAt: Date;
  simulations: { kind: SimulationKind; at: string; outcome: string }[];
}

/**
 * The invoice as the sandbox keeps it, every field written out: a spread of the order here gave each
 * invoice a hidden class of its own in V8 (about twice the memory per invoice kept).
 */
export function newSandboxInvoice(order: InvoiceOrder, facts: Omit<SandboxInvoice, keyof InvoiceOrder | 'simulations'>): SandboxInvoice {
  return {
    paymentId: order.paymentId,
    blockchain: order.blockchain,
    fiatCode: order.fiatCode,
    fiatText: order.fiatText,
    customerEmail: order.customerEmail,
    productId: order.productId,
    redirectUrl: order.redirectUrl,
    webhookUrl: order.webhookUrl,
    id: facts.id,
    serial: facts.serial,
    invoiceVs: facts.invoiceVs,
    rate: facts.rate,
    cryptoMicro: facts.cryptoMicro,
    address: facts.address,
    createdAt: facts.createdAt,
    expiresAt: facts.expiresAt,
    simulations: [],
  };
}

export function newInvoiceId(): string {
  return `sbx-${randomHex(3)}-${randomHex(3)}-${randomHex(3)}`;
}

export function newAddress(blockchain: Blockchain): string {
  return blockchain === 'tether-trc20' ? tronAddress() : `0x${randomHex(20)}`;
}

/** Same keys, order and types as the guide's example answer (fixtures/create-invoice.response-200.json). */
export function invoiceAnswer(invoice: SandboxInvoice, paymentPage: string): Record<string, unknown> {
  const cryptoText = formatMicro(invoice.cryptoMicro);
  return {
    usdtOverAmount: cryptoText,
    invoiceId: invoice.id,
    invoiceVs: String(invoice.invoiceVs).padStart(4, '0'),
    fiatAmount: invoice.fiatText,
    fiatCurrency: invoice.fiatCode,
    rateLocalCurrencyToNeededCrypto: invoice.rate,
    rateNeededCryptoToUSD: '1.00000000',
    isTrc20: invoice.blockchain === 'tether-trc20' ? 1 : 0,
    isErc20: invoice.blockchain === 'tether-erc20' || invoice.blockchain === 'apfcoin' ? 1 : 0,
    isBep20: invoice.blockchain === 'tether-bep20' ? 1 : 0,
    whenInit: invoice.createdAt.toISOString(),
    contractAddress: CONTRACT_ADDRESSES[invoice.blockchain],
    customerEmail: invoice.customerEmail,
    productId: invoice.serial,
    expiresAt: invoice.expiresAt.toISOString(),
    blockchainHash: null,
    cryptoShortCode: NETWORKS[invoice.blockchain].token,
    cryptoValue: cryptoText,
    fiatValue: invoice.fiatText,
    receivedOnAddress: invoice.address,
    txId: invoice.id,
    fiatShortCode: invoice.fiatCode,
    wasPaid: null,
    redirectUrl: invoice.redirectUrl,
    paymentPage,
  };
}
