// The owner's actions on a sale: which its status allows (the core checks again; this decides what
// to offer), and running one with the owner's reason. Each goes through withOwner: a locked counter
// asks for the owner's PIN, then the action is sent again.
import type { PosError, Result } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { withOwner } from '../access/store';
import { pos } from '../bridge/installed';
import { saleChanged } from './store';

export type OwnerAction = 'accept' | 'reject' | 'mark-paid' | 'void' | 'refund';

/** The actions a sale's status allows, in the order they are offered. */
export function actionsFor(sale: Sale): OwnerAction[] {
  switch (sale.status) {
    case 'review':
      return ['accept', 'reject', 'void'];
    case 'pending':
    case 'expired':
      return ['mark-paid', 'void'];
    case 'paid':
      return ['refund', 'void'];
    case 'partly-refunded':
      return ['refund'];
    case 'failed':
      return ['void'];
    default:
      return [];
  }
}

/** What the owner typed in the action's dialog; only the fields the action asks for are used. */
export interface ActionInput {
  reason: string;
  txHash: string;
  /** Accept: the fiat to count (empty: at the invoice's rate). Refund: the crypto sent back. */
  amount: string;
  /** Refund: the fiat it is worth (empty: at the invoice's rate). */
  fiatAmount: string;
}

function send(action: OwnerAction, sale: Sale, input: ActionInput): Promise<Result<Sale>> {
  const { reason, txHash, amount, fiatAmount } = input;
  switch (action) {
    case 'accept':
      return pos().resolveReview({ saleId: sale.id, decision: 'accept', reason, ...(amount ? { amount } : {}) });
    case 'reject':
      return pos().resolveReview({ saleId: sale.id, decision: 'reject', reason });
    case 'mark-paid':
      return pos().markPaid({ saleId: sale.id, txHash, note: reason });
    case 'void':
      return pos().voidSale({ saleId: sale.id, reason });
    case 'refund':
      return pos().refundSale({ saleId: sale.id, amount, txHash, reason, ...(fiatAmount ? { fiatAmount } : {}) });
  }
}

/** Runs the action; on success every view reads the sale again. Returns the core's refusal, or null. */
export async function runOwnerAction(action: OwnerAction, sale: Sale, input: ActionInput): Promise<PosError | null> {
  const result = await withOwner(() => send(action, sale, input));
  if (!result.ok) return result.error;
  saleChanged();
  return null;
}
