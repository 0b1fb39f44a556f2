// Exact amounts: an invoice's last digits (invoiceVs) are what tell two sales apart, so the
// comparison is done on bigint base units and never rounds.
import { scaledToDecimal } from '../../../shared/money';
import type { Sale } from '../../../shared/sale';
import { tokenFor, normalizeAddress, type TokenSpec, type Transfer } from './types';

const AMOUNT_PATTERN = /^(\d{1,40})(?:\.(\d{1,40}))?$/;

export type BaseUnits = { ok: true; units: bigint } | { ok: false; message: string };

/** "12.345678" with 6 decimals → 12345678n; refuses a non-zero digit beyond the token's decimals. */
export function toBaseUnits(amount: string, decimals: number): BaseUnits {
  const match = AMOUNT_PATTERN.exec(amount.trim());
  if (!match) return { ok: false, message: `"${amount.slice(0, 40)}" is not a decimal amount` };
  const fraction = match[2] ?? '';
  // Trailing zeros beyond the token's decimals carry no value ("1.5000000" USDT is 1.5); other digits cannot be paid.
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) {
    return { ok: false, message: `${amount} has more decimals than the token's ${decimals}` };
  }
  return { ok: true, units: BigInt((match[1] ?? '0') + significant.padEnd(decimals, '0')) };
}

/** 12345678n with 6 decimals → "12.345678". */
export const formatBaseUnits = scaledToDecimal;

export interface Invoice {
  token: TokenSpec;
  address: string;
  units: bigint;
  createdAt: Date;
}

/** What the chain must show for this sale, or a reason the sale cannot be checked on-chain. */
export function invoiceOf(sale: Sale): { ok: true; invoice: Invoice } | { ok: false; message: string } {
  const token = tokenFor(sale.blockchain);
  if (!token) return { ok: false, message: `Payments in ${sale.blockchain} cannot be checked on the blockchain` };
  if (!sale.address) return { ok: false, message: 'The invoice has no receiving address to look at' };
  if (!sale.cryptoAmount) return { ok: false, message: 'The invoice has no crypto amount to look for' };
  const units = toBaseUnits(sale.cryptoAmount, token.decimals);
  if (!units.ok) return { ok: false, message: `The invoice amount cannot be paid in ${token.symbol}: ${units.message}` };
  if (units.units <= 0n) return { ok: false, message: 'The invoice amount is zero' };
  const createdAt = new Date(sale.createdAt);
  if (Number.isNaN(createdAt.getTime())) return { ok: false, message: 'The sale has no valid creation time' };
  return { ok: true, invoice: { token, address: normalizeAddress(sale.address, token.addressKind), units: units.units, createdAt } };
}

/** True when the transfer is this invoice's payment: right token, right address, exactly the amount. */
export function paysInvoice(transfer: Transfer, invoice: Invoice): boolean {
  const kind = invoice.token.addressKind;
  if (normalizeAddress(transfer.contract, kind) !== invoice.token.contract) return false;
  if (normalizeAddress(transfer.to, kind) !== invoice.address) return false;
  // An explorer that reports other decimals for this contract is not describing the token we know.
  if (transfer.decimals !== null && transfer.decimals !== invoice.token.decimals) return false;
  return transfer.amountBaseUnits === invoice.units;
}

/**
 * The earliest transfer that pays the invoice at or after it was created and is not already
 * another sale's payment (`isClaimed`); null when there is none.
 */
export function matchPayment(invoice: Invoice, transfers: readonly Transfer[], isClaimed: (hash: string) => boolean): Transfer | null {
  let best: Transfer | null = null;
  for (const transfer of transfers) {
    if (!transfer.at || transfer.at.getTime() < invoice.createdAt.getTime()) continue;
    if (!paysInvoice(transfer, invoice)) continue;
    if (isClaimed(transfer.hash)) continue;
    if (!best || (best.at && transfer.at.getTime() < best.at.getTime())) best = transfer;
  }
  return best;
}
