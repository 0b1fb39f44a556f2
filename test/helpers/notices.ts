// Builds payment notices the way CONTRACT.md §2 describes them (field names and types from the
// guide's sample receiver), independent of the app's own parsing code.
import { request } from 'node:http';
import type { Sale } from '../../shared/sale';

export interface StatusObj {
  mitilenaInvoiceId: string;
  yourPaymentId: string;
  yourProductName: string;
  yourProductId: string;
  secretKey: string;
  stableCoinAmount: string;
  stableCoinSymbol: string;
  stableCoinBlockchain: string;
  localCurrencyAmount: string;
  localCurrencyCode: string;
  wasPaid: boolean;
  blockchainHash: string | null;
}

const CHAIN_NAMES: Record<string, string> = { 'tether-trc20': 'TRC20', 'tether-erc20': 'ERC20', 'tether-bep20': 'BEP20' };

/** A genuine "paid" notice for a pending sale, paying exactly what its invoice asked. */
export function paidNoticeFor(sale: Sale, apiKey: string, overrides: Partial<StatusObj> = {}): { statusObj: StatusObj } {
  const exponent = sale.currency === 'JPY' ? 0 : sale.currency === 'KWD' ? 3 : 2;
  const digits = String(sale.amountMinor).padStart(exponent + 1, '0');
  const fiat = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return {
    statusObj: {
      mitilenaInvoiceId: sale.invoiceId ?? 'unknown-invoice',
      yourPaymentId: sale.id,
      yourProductName: '',
      yourProductId: '',
      secretKey: apiKey,
      stableCoinAmount: sale.cryptoAmount ?? '0',
      stableCoinSymbol: sale.cryptoSymbol ?? 'USDT',
      stableCoinBlockchain: CHAIN_NAMES[sale.blockchain] ?? 'TRC20',
      localCurrencyAmount: fiat,
      localCurrencyCode: sale.currency,
      wasPaid: true,
      blockchainHash: 'ab'.repeat(32),
      ...overrides,
    },
  };
}

export interface PostOptions {
  signature?: string | null;
  contentType?: string;
  method?: string;
  rawBody?: string | Buffer;
}

/** POSTs a notice as the gateway would: JSON with the mitilena-signature header. */
export async function postNotice(url: string, body: unknown, apiKey: string | null, options: PostOptions = {}): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const signature = options.signature === undefined ? apiKey : options.signature;
  if (signature !== null) headers['mitilena-signature'] = signature;
  const response = await fetch(url, {
    method: options.method ?? 'POST',
    headers,
    body: options.method === 'GET' ? undefined : typeof options.rawBody === 'string' || options.rawBody === undefined ? (options.rawBody ?? JSON.stringify(body)) : new Uint8Array(options.rawBody),
  });
  return { status: response.status, text: await response.text() };
}

/** The same over plain http.request (no fetch overhead: the bench times it); resolves with the status. */
export function postNoticeBody(url: string, body: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'mitilena-signature': key, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
