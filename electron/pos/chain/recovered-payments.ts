// A payment found on the chain for a sale whose notice never came, recorded: the sale turns paid with
// the transaction's hash and the cause "recovered from chain", and the owner is told.
import type { Sale } from '../../../shared/sale';
import type { Ledger } from '../store/ledger';
import { formatBaseUnits, toBaseUnits } from './match';
import { tokenFor, type Transfer } from './types';

/** The paid amount in the token's own units, spelled as the invoice spelled it when equal. */
function paidAmount(sale: Sale, transfer: Transfer): string {
  const decimals = tokenFor(sale.blockchain)?.decimals ?? transfer.decimals ?? 0;
  const asked = sale.cryptoAmount ? toBaseUnits(sale.cryptoAmount, decimals) : null;
  if (sale.cryptoAmount && asked?.ok && asked.units === transfer.amountBaseUnits) return sale.cryptoAmount;
  const text = formatBaseUnits(transfer.amountBaseUnits, decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Records the sale paid from the chain; null (nothing changed) when it is no longer pending or expired. */
export function recordRecoveredPayment(ledger: Ledger, sale: Sale, transfer: Transfer, explorer: string, at: string): Sale | null {
  const amount = paidAmount(sale, transfer);
  const paidAt = transfer.at?.toISOString() ?? at;
  return ledger.transition(
    sale.id,
    ['pending', 'expired'],
    'paid',
    at,
    { txHash: transfer.hash, paidCryptoAmount: amount, paidAt, confirmation: 'recovered' },
    { cause: 'recovered from chain', detail: { explorer, hash: transfer.hash, amount, from: transfer.from, to: transfer.to, at: transfer.at?.toISOString() ?? null } },
  );
}
