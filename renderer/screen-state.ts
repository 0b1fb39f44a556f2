// Which screen the counter shows and what the live region says, derived from the store alone so
// that both always agree.
import type { PosError } from '../shared/result';
import type { Sale } from '../shared/sale';
import { t } from './i18n/locale';

export type ScreenName = 'connecting' | 'register' | 'tip' | 'waiting' | 'payment' | 'paid' | 'review' | 'failed';

export interface ScreenInputs {
  hasStatus: boolean;
  inFlight: boolean;
  /** The gateway is slow to answer the charge in flight (see STILL_WAITING_AFTER_MS). */
  slowGateway?: boolean;
  currentSale: Sale | null;
  chargeFailure: { error: PosError } | null;
  /** Between Charge and the invoice: a large amount to confirm, or a tip to choose (issue 12). */
  preCharge?: { stage: 'confirm' | 'tip' } | null;
}

export function screenFor(state: ScreenInputs): ScreenName {
  if (!state.hasStatus) return 'connecting';
  if (state.chargeFailure) return 'failed';
  if (state.inFlight && state.slowGateway) return 'waiting';
  if (!state.inFlight && state.preCharge?.stage === 'tip') return 'tip';
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
export function failureText(state: Pick<ScreenInputs, 'currentSale' | 'chargeFailure'>): string {
  if (state.chargeFailure) return state.chargeFailure.error.message;
  const sale = state.currentSale;
  if (sale?.failure) return sale.failure;
  if (sale?.status === 'cancelled') return t('failed.cancelledText');
  if (sale?.status === 'expired') return t('failed.expiredText');
  if (sale?.status === 'voided') return t('failed.voidedText');
  if (sale?.status === 'refunded' || sale?.status === 'partly-refunded') return t('failed.refundedText');
  return t('failed.notCreated');
}

function paidAnnouncement(sale: Sale): string {
  if (sale.confirmation === 'chain-confirmed') return t(sale.overpaid ? 'status.paidChainOverpaid' : 'status.paidChain');
  if (sale.confirmation === 'recovered') return t('status.paidRecovered');
  return t(sale.overpaid ? 'status.paidOverpaid' : 'status.paid');
}

/** What the polite live region announces; short, and it changes only when the payment state does. */
export function announcement(state: ScreenInputs): string {
  if (!state.hasStatus) return t('status.connecting');
  if (state.chargeFailure) return t('status.failed', { reason: failureText(state) });
  if (state.inFlight) return t(state.slowGateway ? 'status.stillWaiting' : 'status.creating');
  const sale = state.currentSale;
  if (!sale) return state.preCharge ? t(state.preCharge.stage === 'tip' ? 'status.tip' : 'status.confirm') : t('status.ready');
  switch (sale.status) {
    case 'creating':
      return t('status.creating');
    case 'pending':
      return t('status.waiting');
    case 'paid':
      return paidAnnouncement(sale);
    case 'review':
      return t('status.review');
    case 'cancelled':
      return t('status.cancelled');
    case 'expired':
      return t('status.expired');
    case 'failed':
      return t('status.failed', { reason: failureText(state) });
    case 'voided':
      return t('status.voided');
    case 'partly-refunded':
      return t('status.partlyRefunded');
    case 'refunded':
      return t('status.refunded');
  }
}
