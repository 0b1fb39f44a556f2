// Recording a refund made outside the app (from the shop's wallet): the refunds row, the sale's
// running sums and its status (partly refunded, or refunded when all the crypto went back) and the
// sale_events row, in one transaction. Only a sale that counts as money can be refunded.
import type { Actor } from '../../../shared/access';
import type { PosArgs } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { fail, ok, type Result } from '../../../shared/result';
import type { Sale } from '../../../shared/sale';
import type { OwnerActionDeps } from './owner-actions';
import { cryptoToken } from './figures';
import { refundValue, statedAmount } from './money-rules';

export const REFUNDABLE: readonly Sale['status'][] = ['paid', 'partly-refunded'];

export function refundSale(deps: OwnerActionDeps, args: PosArgs<'refundSale'>, by: Actor | null): Result<Sale> {
  const { ledger } = deps;
  const sale = ledger.getSale(args.saleId);
  if (!sale) return fail('not-found', 'There is no such sale on this counter');
  if (!REFUNDABLE.includes(sale.status)) {
    return fail('invalid-state', sale.status === 'refunded' ? 'This sale is already refunded in full.' : `This sale is ${sale.status}; only a paid sale can be refunded.`);
  }
  const stated = args.fiatAmount === undefined ? undefined : statedAmount(args.fiatAmount, sale.currency);
  if (stated === null) return fail('invalid-input', `Enter the fiat value as an amount in ${sale.currency}, such as 6.25`, { fiatAmount: `An amount in ${sale.currency}` });
  const value = refundValue(sale, args.amount, stated);
  if (typeof value === 'string') return fail('invalid-input', value, { amount: value });
  const at = deps.now().toISOString();
  const token = cryptoToken(sale.cryptoSymbol, sale.blockchain);
  const detail = { reason: args.reason, by, amount: args.amount.trim(), token, txHash: args.txHash, fiat: formatMoney(value.fiatMinor, sale.currency) };
  const changed = ledger.transaction(() => {
    const moved = ledger.transition(
      sale.id,
      [sale.status],
      value.full ? 'refunded' : 'partly-refunded',
      at,
      { refundedMinor: sale.refundedMinor + value.fiatMinor, refundedCrypto: value.cryptoRefunded },
      { cause: value.full ? 'owner refunded in full' : 'owner refunded in part', detail },
    );
    if (!moved) return null;
    ledger.insertRefund({ saleId: sale.id, at, cryptoAmount: args.amount.trim(), token, fiatMinor: value.fiatMinor, currency: sale.currency, txHash: args.txHash, reason: args.reason, by });
    return moved;
  });
  // A notice or another window changed the sale between the read and the write: nothing was recorded.
  if (!changed) return fail('invalid-state', 'The sale changed meanwhile; look at it again before refunding.');
  deps.events.emit('sale-updated', changed);
  return ok(changed);
}
