// Which owner actions a sale's status allows (the core checks again; this decides what to offer).
import type { Sale } from '../../shared/sale';

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
