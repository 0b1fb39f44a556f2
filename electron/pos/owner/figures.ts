// The figures the day close and the CSV export both derive from a sale row, in one place, so the
// export of a range always sums to that range's day close.
import { NETWORKS, type Blockchain } from '../../../shared/mitilena';
import { parseDecimal, scaledToDecimal } from '../../../shared/money';

/** The token a sale was paid (or asked) in: the invoice's symbol, else the network's token. */
export function cryptoToken(cryptoSymbol: string | null, blockchain: Blockchain): string {
  return cryptoSymbol ?? NETWORKS[blockchain]?.token ?? '';
}

/** What reached the shop when known (the notice's amount), else what the invoice asked. */
export function cryptoReceived(paidCryptoAmount: string | null, cryptoAmount: string | null): string | null {
  return paidCryptoAmount ?? cryptoAmount;
}

/** An exact running sum of decimal strings (bigint digits at the widest scale seen). */
export class DecimalSum {
  private digits = 0n;
  private scale = 0;

  add(text: string): boolean {
    const value = parseDecimal(text);
    if (!value) return false;
    if (value.scale > this.scale) {
      this.digits *= 10n ** BigInt(value.scale - this.scale);
      this.scale = value.scale;
    }
    this.digits += value.digits * 10n ** BigInt(this.scale - value.scale);
    return true;
  }

  isZero(): boolean {
    return this.digits === 0n;
  }

  toString(): string {
    return scaledToDecimal(this.digits, this.scale);
  }
}
