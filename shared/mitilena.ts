// Wire schemas for the Mitilena Pay gateway (../shared/mitilena/CONTRACT.md). Everything from outside
// is parsed here before the inside sees it.
import { z } from 'zod';

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
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'must be an http(s) URL'),
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

const noticeText = z.string().max(1000);
/** The guide's own receiver reads amounts with a decimal library, which takes numbers too. */
const noticeAmount = z.union([decimalText, z.number().nonnegative().finite().transform(String).pipe(decimalText)]);

/** §2 notice: every field the guide's receiver requires, each with the type a real notice has. */
export const NoticeSchema = z.object({
  statusObj: z.object({
    mitilenaInvoiceId: z.string().min(1).max(200),
    yourPaymentId: z.string().min(1).max(200),
    yourProductName: noticeText,
    yourProductId: noticeText,
    secretKey: z.string().min(1).max(1000),
    stableCoinAmount: noticeAmount,
    stableCoinSymbol: z.string().min(1).max(20),
    stableCoinBlockchain: z.string().max(40),
    localCurrencyAmount: noticeAmount,
    localCurrencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
    wasPaid: z.boolean(),
    blockchainHash: z.string().min(1).max(200).nullable(),
  }),
});
export type Notice = z.infer<typeof NoticeSchema>['statusObj'];

/** The header the gateway sends its API key in, on requests and notices alike. */
export const SIGNATURE_HEADER = 'mitilena-signature';
