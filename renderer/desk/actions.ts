// The owner's actions on a sale: which its status allows (the core checks again; this decides what
// to offer), and running one with the owner's reason.
import type { PosError, Result } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { pos } from '../bridge/installed';
import { saleChanged } from './store';

export type OwnerAction = 'accept' | 'reject' | 'mark-paid' | 'void';

/** The actions a sale's status allows, in the order they are offered. */
export function actionsFor(sale: Sale): OwnerAction[] {
  switch (sale.status) {
    case 'review':
      return ['accept', 'reject', 'void'];
    case 'pending':
    case 'expired':
      return ['mark-paid', 'void'];
    case 'failed':
    case 'paid':
      return ['void'];
    default:
      return [];
  }
}

function send(action: OwnerAction, sale: Sale, reason: string, txHash: string): Promise<Result<Sale>> {
  switch (action) {
    case 'accept':
    case 'reject':
      return pos().resolveReview({ saleId: sale.id, decision: action, reason });
    case 'mark-paid':
      return pos().markPaid({ saleId: sale.id, txHash, note: reason });
    case 'void':
      return pos().voidSale({ saleId: sale.id, reason });
  }
}

/** Runs the action; on success every view reads the sale again. Returns the core's refusal, or null. */
export async function runOwnerAction(action: OwnerAction, sale: Sale, reason: string, txHash: string): Promise<PosError | null> {
  const result = await send(action, sale, reason, txHash);
  if (!result.ok) return result.error;
  saleChanged();
  return null;
}
