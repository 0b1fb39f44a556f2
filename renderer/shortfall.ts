// What an underpaid sale still misses (issue 12), exactly: the crypto the invoice asked less what
// arrived, and its share of the fiat price rounded up to the currency's minor unit (the shop is
// never short by a fraction of a cent).
import { parseDecimal, scaledToDecimal } from '../shared/money';
import type { Sale } from '../shared/sale';

export interface Shortfall {
  /** Missing crypto, exact decimal text ("0.42"). */
  crypto: string;
  /** Missing fiat in minor units, at least 1. */
  fiatMinor: number;
}

export function shortfallOf(sale: Pick<Sale, 'status' | 'reviewReason' | 'cryptoAmount' | 'paidCryptoAmount' | 'amountMinor'>): Shortfall | null {
  if (sale.status !== 'review' || sale.reviewReason !== 'underpaid' || !sale.cryptoAmount || !sale.paidCryptoAmount) return null;
  const asked = parseDecimal(sale.cryptoAmount);
  const paid = parseDecimal(sale.paidCryptoAmount);
  if (!asked || !paid || asked.digits <= 0n) return null;
  const scale = Math.max(asked.scale, paid.scale);
  const askedUnits = asked.digits * 10n ** BigInt(scale - asked.scale);
  const missingUnits = askedUnits - paid.digits * 10n ** BigInt(scale - paid.scale);
  if (missingUnits <= 0n) return null;
  const numerator = BigInt(sale.amountMinor) * missingUnits;
  const fiatMinor = Number((numerator + askedUnits - 1n) / askedUnits);
  return { crypto: scaledToDecimal(missingUnits, scale), fiatMinor: Math.max(1, fiatMinor) };
}
