// What an accepted underpayment and a refund are worth in fiat: at the invoice's rate (the fiat it
// asked for the crypto it asked), rounded half up to the currency's minor unit, or as the owner says.
// Pure and exact: bigint arithmetic on decimal digits, never a float.
import { compareDecimal, decimalToMinor, parseDecimal, scaledToDecimal, type Decimal } from '../../../shared/money';
import type { Sale } from '../../../shared/sale';
import { mulDivRound } from './books';
import { cryptoReceived } from './figures';

/** minor × part / whole, rounded half up; null when whole is not a positive decimal. */
function shareOf(minor: number, part: Decimal, whole: Decimal): number | null {
  if (whole.digits <= 0n) return null;
  // part/whole = (p / 10^ps) / (w / 10^ws) = p × 10^ws / (w × 10^ps)
  return Number(mulDivRound(BigInt(minor) * part.digits * 10n ** BigInt(whole.scale), 1n, whole.digits * 10n ** BigInt(part.scale)));
}

export interface Recognised {
  minor: number;
  basis: 'price' | 'rate' | 'owner';
}

/**
 * The fiat an accepted review counts as takings: the owner's stated amount when given; otherwise what
 * the crypto received is worth at the invoice's rate when less than asked arrived in the invoice's
 * token; otherwise the price.
 */
export function recognisedOnAccept(sale: Sale, stated?: number): Recognised {
  if (stated !== undefined) return { minor: stated, basis: 'owner' };
  const asked = sale.cryptoAmount ? parseDecimal(sale.cryptoAmount) : null;
  const received = sale.paidCryptoAmount ? parseDecimal(sale.paidCryptoAmount) : null;
  if (!asked || !received || sale.reviewReason === 'wrong-currency' || compareDecimal(received, asked) >= 0) return { minor: sale.amountMinor, basis: 'price' };
  return { minor: Math.min(sale.amountMinor, shareOf(sale.amountMinor, received, asked) ?? sale.amountMinor), basis: 'rate' };
}

/** "6.25" or "6,25" in the sale's currency → minor units (0 allowed); null when not an exact amount. */
export function statedAmount(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,15}(\.\d{1,8})?$/.test(trimmed)) return null;
  try {
    return decimalToMinor(trimmed, currency);
  } catch {
    return null;
  }
}

/** "6.500000" → "6.5"; "7.000" → "7". */
export function withoutTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export interface RefundValue {
  fiatMinor: number;
  /** The crypto refunded with this one included, and whether that is all the sale received. */
  cryptoRefunded: string;
  full: boolean;
}

/**
 * A refund of `amount` crypto on a sale that counts as money: refused (a sentence) when it is not a
 * positive decimal or more than is left to refund. Its fiat: stated, else at the invoice's rate,
 * never more than is left of the recognised amount; the refund that returns the rest of the crypto
 * takes the rest of the fiat, so a sale refunded in full nets to exactly zero.
 */
export function refundValue(sale: Sale, amount: string, stated?: number): RefundValue | string {
  const refund = parseDecimal(amount.trim());
  if (!refund || refund.digits <= 0n) return 'Enter the crypto amount sent back, such as 6.5';
  const receivedText = cryptoReceived(sale.paidCryptoAmount, sale.cryptoAmount);
  const received = receivedText ? parseDecimal(receivedText) : null;
  if (!received) return 'This sale has no crypto amount to refund against';
  const before = parseDecimal(sale.refundedCrypto ?? '0') as Decimal;
  const scale = Math.max(refund.scale, before.scale, received.scale);
  const at = (value: Decimal): bigint => value.digits * 10n ** BigInt(scale - value.scale);
  const after = at(before) + at(refund);
  if (after > at(received)) return `That is more than is left to refund: ${scaledToDecimal(at(received) - at(before), scale)} of ${receivedText} received`;
  const recognised = sale.recognisedMinor ?? sale.amountMinor;
  const left = recognised - sale.refundedMinor;
  const full = after === at(received);
  const asked = sale.cryptoAmount ? parseDecimal(sale.cryptoAmount) : null;
  const atRate = asked && asked.digits > 0n ? shareOf(sale.amountMinor, refund, asked) : shareOf(recognised, refund, received);
  if (stated !== undefined && stated > left) return `That is more than is left of the sale's takings to refund`;
  const fiatMinor = full && stated === undefined ? left : Math.min(left, stated ?? atRate ?? 0);
  return { fiatMinor, cryptoRefunded: withoutTrailingZeros(scaledToDecimal(after, scale)), full };
}
