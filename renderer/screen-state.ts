// Which screen the counter shows and what the live region says, derived from the store alone so
// that both always agree.
import type { PosError } from '../shared/result';
import type { Sale } from '../shared/sale';

export type ScreenName = 'connecting' | 'register' | 'waiting' | 'payment' | 'paid' | 'review' | 'failed';

export interface ScreenInputs {
  hasStatus: boolean;
  inFlight: boolean;
  /** The gateway is slow to answer the charge in flight (see STILL_WAITING_AFTER_MS). */
  slowGateway?: boolean;
  currentSale: Sale | null;
  chargeFailure: { error: PosError } | null;
}

export function screenFor(state: ScreenInputs): ScreenName {
  if (!state.hasStatus) return 'connecting';
  if (state.chargeFailure) return 'failed';
  if (state.inFlight && state.slowGateway) return 'waiting';
  const sale = state.currentSale;
  // While the invoice is being created the keypad stays up with Charge disabled: a double-press
  // then lands on a disabled button instead of on whatever the next screen puts there.
  if (!sale) return 'register';
  switch (sale.status) {
    case 'creating':
    case 'pending':
      return 'payment';
    case 'paid':
      return 'paid';
    case 'review':
      return 'review';
    case 'failed':
    case 'cancelled':
    case 'expired':
    case 'voided':
    case 'partly-refunded':
    case 'refunded':
      return 'failed';
  }
}

/** The sentence a failed, cancelled or expired sale is explained with; the gateway's words win. */
export function failureText(state: ScreenInputs): string {
  if (state.chargeFailure) return state.chargeFailure.error.message;
  const sale = state.currentSale;
  if (sale?.failure) return sale.failure;
  if (sale?.status === 'cancelled') return 'The sale was cancelled before a payment arrived.';
  if (sale?.status === 'expired') return 'The invoice expired before a payment arrived.';
  if (sale?.status === 'voided') return 'The owner voided this sale.';
  if (sale?.status === 'refunded' || sale?.status === 'partly-refunded') return 'The owner recorded a refund for this sale.';
  return 'The invoice could not be created.';
}

/** What the polite live region announces; short, and it changes only when the payment state does. */
export function announcement(state: ScreenInputs): string {
  if (!state.hasStatus) return 'Connecting to the counter service…';
  if (state.chargeFailure) return `Failed: ${failureText(state)}`;
  if (state.inFlight) return state.slowGateway ? 'Still waiting for the gateway…' : 'Creating invoice…';
  const sale = state.currentSale;
  if (!sale) return 'Ready for a sale';
  switch (sale.status) {
    case 'creating':
      return 'Creating invoice…';
    case 'pending':
      return 'Waiting for payment';
    case 'paid':
      if (sale.confirmation === 'chain-confirmed') return sale.overpaid ? 'Paid ✓✓ confirmed on chain (overpaid)' : 'Paid ✓✓ confirmed on chain';
      if (sale.confirmation === 'recovered') return 'Paid (recovered from the blockchain)';
      return sale.overpaid ? 'Paid (overpaid)' : 'Paid';
    case 'review':
      return 'Needs review';
    case 'cancelled':
      return 'Cancelled';
    case 'expired':
      return 'Expired';
    case 'failed':
      return `Failed: ${failureText(state)}`;
    case 'voided':
      return 'Voided';
    case 'partly-refunded':
      return 'Partly refunded';
    case 'refunded':
      return 'Refunded';
  }
}
