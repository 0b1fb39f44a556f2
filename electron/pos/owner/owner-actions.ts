// What the owner may decide about a sale. Each decision is one ledger transition: the status change
// and its sale_events row (with the owner's reason) commit together, or nothing changes.
import { fail, ok, type Result } from '../../../shared/result';
import type { Sale, SaleStatus } from '../../../shared/sale';
import type { PosEvents } from '../events';
import type { SalePatch, Ledger } from '../store/ledger';

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

export function resolveReview(deps: OwnerActionDeps, args: { saleId: string; decision: 'accept' | 'reject'; reason: string }): Result<Sale> {
  const refusal = (sale: Sale): string => `This sale is ${sale.status}, not waiting for review; there is nothing to resolve.`;
  if (args.decision === 'accept') {
    return decide(deps, args.saleId, {
      from: ['review'],
      to: 'paid',
      cause: 'owner accepted review',
      detail: { reason: args.reason },
      patch: (sale, at) => (sale.paidAt ? {} : { paidAt: at }),
      refusal,
    });
  }
  return decide(deps, args.saleId, { from: ['review'], to: 'voided', cause: 'owner kept as not paid', detail: { reason: args.reason }, patch: () => ({}), refusal });
}

export function markPaid(deps: OwnerActionDeps, args: { saleId: string; txHash: string; note: string }): Result<Sale> {
  return decide(deps, args.saleId, {
    from: MARK_PAID_FROM,
    to: 'paid',
    cause: 'owner marked paid',
    detail: { reason: args.note, txHash: args.txHash },
    // The owner vouches for the invoice's amount: that is what the day close counts as received.
    patch: (sale, at) => ({ paidAt: at, txHash: args.txHash, paidCryptoAmount: sale.paidCryptoAmount ?? sale.cryptoAmount }),
    refusal: (sale) => `This sale is ${sale.status}; only a pending or expired sale can be marked paid by hand.`,
  });
}

export function voidSale(deps: OwnerActionDeps, args: { saleId: string; reason: string }): Result<Sale> {
  return decide(deps, args.saleId, {
    from: VOID_FROM,
    to: 'voided',
    cause: 'owner voided',
    detail: { reason: args.reason },
    patch: () => ({}),
    refusal: (sale) =>
      sale.status === 'voided' ? 'This sale is already voided.' : `This sale is ${sale.status}; only a pending, expired, failed, paid or review sale can be voided.`,
  });
}
