// Wire schemas for the Mitilena Pay gateway (../shared/mitilena/CONTRACT.md). Everything from outside
// is parsed here before the inside sees it.
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { z } from 'zod';
import { isHttpUrl } from './url';

export const BLOCKCHAINS = ['tether-erc20', 'tether-bep20', 'tether-trc20', 'mitilena-own', 'apfcoin'] as const;
export type Blockchain = (typeof BLOCKCHAINS)[number];

export const LANGUAGES = ['en', 'cz', 'ru', 'tr', 'my', 'hr', 'si', 'ar', 'swa'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the cashier and the receipt call each chain, and the network name a notice may carry. */
export const NETWORKS: Readonly<Record<Blockchain, { token: string; network: string; noticeName: string | null }>> = {
  'tether-erc20': { token: 'USDT', network: 'Ethereum (ERC20)', noticeName: 'ERC20' },
  'tether-bep20': { token: 'USDT', network: 'BNB Smart Chain (BEP20)', noticeName: 'BEP20' },
  'tether-trc20': { token: 'USDT', network: 'Tron (TRC20)', noticeName: 'TRC20' },
  'mitilena-own': { token: 'VMT', network: 'Mitilena VMT', noticeName: null },
  apfcoin: { token: 'APFC', network: 'Ethereum (ERC20)', noticeName: null },
};

const decimalText = z.string().regex(/^\d{1,30}(\.\d{1,30})?$/, 'must be a decimal number as text');

/** §1 request body, exactly as the app sends it. */
export const CreateInvoiceRequestSchema = z.object({
  userSecret: z.string().min(1),
  userPaymentId: z.string().min(1).max(200),
  blockchain: z.enum(BLOCKCHAINS),
  fiatCode: z.string().regex(/^[A-Z]{3}$/),
  customerEmail: z.string(),
  fiatAmount: z.number().positive().finite(),
  userProductId: z.string().optional(),
  language: z.enum(LANGUAGES).optional(),
  redirectUrl_yours: z.string().optional(),
  webHookPostUrl_yours: z.url(),
});
export type CreateInvoiceRequest = z.infer<typeof CreateInvoiceRequestSchema>;

const optionalText = z.string().max(500).nullish();

/**
 * §1 200 body. Only invoiceId and a usable paymentPage (an http(s) URL of 5+ characters) are
 * required; the rest is kept when it has the documented shape and dropped otherwise.
 */
export const CreateInvoiceResponseSchema = z.object({
  invoiceId: z.string().min(1).max(200),
  paymentPage: z
    .string()
    .min(5)
    .max(2000)
    .refine(isHttpUrl, 'must be an http(s) URL'),
  cryptoValue: decimalText.nullish().catch(null),
  usdtOverAmount: decimalText.nullish().catch(null),
  invoiceVs: optionalText.catch(null),
  cryptoShortCode: optionalText.catch(null),
  receivedOnAddress: optionalText.catch(null),
  contractAddress: optionalText.catch(null),
  expiresAt: z.iso.datetime({ offset: true }).nullish().catch(null),
  fiatValue: decimalText.nullish().catch(null),
  fiatCurrency: optionalText.catch(null),
});
export type CreateInvoiceResponse = z.infer<typeof CreateInvoiceResponseSchema>;

/** A JSON number as lossless-json read it: its written digits, never a double. */
const jsonNumber = z.custom<LosslessNumber>((value) => isLosslessNumber(value), 'must be a number').transform((value) => value.value);

/**
 * An amount exactly as written: "13.630007", 13.63000699999999999 (judged on these digits, not a
 * double), "1.5e3". Normalised to plain decimal text; negative, empty or non-numeric amounts refused.
 */
const noticeAmount = z
  .union([z.string(), jsonNumber])
  .transform((text, context) => {
    const plain = plainDecimal(text.trim());
    if (plain === null) context.addIssue({ code: 'custom', message: 'must be a non-negative decimal number' });
    return plain ?? '';
  });

/** A label that decides nothing (a name, a code, an echo): text, a number or nothing; "" is nothing. */
const MAX_LABEL_CHARS = 200;
const noticeLabel = z
  .union([z.string(), jsonNumber, z.boolean().transform(String), z.null()])
  .optional()
  .transform((value) => {
    const text = typeof value === 'string' ? value.trim().slice(0, MAX_LABEL_CHARS) : '';
    return text === '' ? null : text;
  });

/** An identifier that decides which sale and invoice: exact text (a number is taken as written). */
const noticeId = z.union([z.string(), jsonNumber]).transform((value) => value.trim()).pipe(z.string().min(1).max(200));

/**
 * §2 notice. Strict about what decides a payment (the ids, `wasPaid`, both amounts; the key is
 * checked on the raw body before this, and the parsed notice never holds it), liberal about what
 * does not (labels and echoes may be missing, null, a number, in any case or spelling; a hash that
 * is null or "" is not given). Parse notices with lossless-json so numbers keep their digits.
 */
export const NoticeSchema = z.object({
  statusObj: z.object({
    mitilenaInvoiceId: noticeId,
    yourPaymentId: noticeId,
    yourProductName: noticeLabel,
    yourProductId: noticeLabel,
    stableCoinAmount: noticeAmount,
    stableCoinSymbol: noticeLabel,
    stableCoinBlockchain: noticeLabel,
    localCurrencyAmount: noticeAmount,
    localCurrencyCode: noticeLabel,
    wasPaid: z.boolean(),
    blockchainHash: noticeLabel,
  }),
});
export type Notice = z.infer<typeof NoticeSchema>['statusObj'];

const PLAIN_DECIMAL = /^(\d{1,60})(?:\.(\d{1,60}))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * "1.5e3" → "1500", "0012.50" → "12.50", "1E-7" → "0.0000001": exact, by moving the point in the
 * text. Null for anything that is not a non-negative decimal.
 */
export function plainDecimal(text: string): string | null {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[1] as string;
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? '0');
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point > digits.length) digits = digits.padEnd(point, '0');
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(point);
  if (intPart.length > 40 || fracPart.length > 40) return null;
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** The header the gateway sends its API key in, on requests and notices alike. */
export const SIGNATURE_HEADER = 'mitilena-signature';
