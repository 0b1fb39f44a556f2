// What the owner may decide about a sale. Each decision is one ledger transition: the status change
// and its sale_events row (with the owner's reason) commit together, or nothing changes.
import type { Actor } from '../../../shared/access';
import { formatMoney } from '../../../shared/money';
import { fail, ok, type Result } from '../../../shared/result';
import type { Sale, SaleStatus } from '../../../shared/sale';
import type { PosEvents } from '../events';
import type { SalePatch, Ledger } from '../store/ledger';
import { recognisedOnAccept, statedAmount } from './money-rules';

export interface OwnerActionDeps {
  ledger: Ledger;
  events: PosEvents;
  now: () => Date;
}

export const MARK_PAID_FROM: readonly SaleStatus[] = ['pending', 'expired'];
export const VOID_FROM: readonly SaleStatus[] = ['pending', 'expired', 'review', 'failed', 'paid'];

interface Decision {
  from: readonly SaleStatus[];
  to: SaleStatus;
  cause: string;
  detail: Record<string, unknown>;
  patch: (sale: Sale, at: string) => SalePatch;
  refusal: (sale: Sale) => string;
}

function decide(deps: OwnerActionDeps, saleId: string, decision: Decision): Result<Sale> {
  const current = deps.ledger.getSale(saleId);
  if (!current) return fail('not-found', 'There is no such sale on this counter');
  if (!decision.from.includes(current.status)) return fail('invalid-state', decision.refusal(current));
  const at = deps.now().toISOString();
  const changed = deps.ledger.transition(saleId, decision.from, decision.to, at, decision.patch(current, at), { cause: decision.cause, detail: decision.detail });
  if (!changed) {
    // Something else (a notice) moved the sale between the read and the write.
    const now = deps.ledger.getSale(saleId);
    return fail('invalid-state', decision.refusal(now ?? current));
  }
  deps.events.emit('sale-updated', changed);
  return ok(changed);
}

interface ReviewDecision {
  saleId: string;
  decision: 'accept' | 'reject';
  reason: string;
  /** Accept only: the fiat the owner recognises, in the sale's currency. */
  amount?: string | undefined;
}

/**
 * Accepting records what it accepts: the fiat recognised (what the crypto received is worth at the
 * invoice's rate, or the owner's stated amount), kept on the sale and in the event. Rejecting keeps
 * the payment recorded and counts nothing.
 */
export function resolveReview(deps: OwnerActionDeps, args: ReviewDecision, by: Actor | null = null): Result<Sale> {
  const refusal = (sale: Sale): string => `This sale is ${sale.status}, not waiting for review; there is nothing to resolve.`;
  if (args.decision === 'reject') {
    return decide(deps, args.saleId, { from: ['review'], to: 'voided', cause: 'owner kept as not paid', detail: { reason: args.reason, by }, patch: () => ({}), refusal });
  }
  const sale = deps.ledger.getSale(args.saleId);
  if (!sale) return fail('not-found', 'There is no such sale on this counter');
  const stated = args.amount === undefined ? undefined : statedAmount(args.amount, sale.currency);
  if (stated === null) return fail('invalid-input', `Enter the amount to count as an amount in ${sale.currency}, such as 6.25`, { amount: `An amount in ${sale.currency}` });
  const recognised = recognisedOnAccept(sale, stated);
  return decide(deps, args.saleId, {
    from: ['review'],
    to: 'paid',
    cause: 'owner accepted review',
    detail: { reason: args.reason, by, recognised: formatMoney(recognised.minor, sale.currency), basis: recognised.basis, received: sale.paidCryptoAmount, asked: sale.cryptoAmount },
    // The payment's own time is kept: the owner's decision has its time in the event, not on the sale.
    patch: (current, at) => ({ ...(current.paidAt ? {} : { paidAt: at }), recognisedMinor: recognised.minor === current.amountMinor ? null : recognised.minor }),
    refusal,
  });
}

export function markPaid(deps: OwnerActionDeps, args: { saleId: string; txHash: string; note: string }, by: Actor | null = null): Result<Sale> {
  return decide(deps, args.saleId, {
    from: MARK_PAID_FROM,
    to: 'paid',
    cause: 'owner marked paid',
    detail: { reason: args.note, txHash: args.txHash, by },
    // The owner vouches for the invoice's amount: that is what the day close counts as received.
    patch: (sale, at) => ({ paidAt: at, txHash: args.txHash, paidCryptoAmount: sale.paidCryptoAmount ?? sale.cryptoAmount }),
    refusal: (sale) => `This sale is ${sale.status}; only a pending or expired sale can be marked paid by hand.`,
  });
}

export function voidSale(deps: OwnerActionDeps, args: { saleId: string; reason: string }, by: Actor | null = null): Result<Sale> {
  return decide(deps, args.saleId, {
    from: VOID_FROM,
    to: 'voided',
    cause: 'owner voided',
    detail: { reason: args.reason, by },
    patch: () => ({}),
    refusal: (sale) =>
      sale.status === 'voided'
        ? 'This sale is already voided.'
        : sale.status === 'refunded' || sale.status === 'partly-refunded'
          ? 'This sale has refunds recorded against it; record a refund for the rest instead of voiding it.'
          : `This sale is ${sale.status}; only a pending, expired, failed, paid or review sale can be voided.`,
  });
}
