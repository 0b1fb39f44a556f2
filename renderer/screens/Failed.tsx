// The charge did not go through (refused, cancelled or expired): say why in the gateway's own
// words, and offer the two ways on. Enter retries, Escape starts over.
import type { PosError } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { showMoney } from '../format';
import { useFocusOnMount, useShortcuts } from '../hooks';
import { failureText } from '../screen-state';
import { newSale, retry } from '../store';

interface FailedProps {
  sale: Sale | null;
  chargeFailure: { amount: string; error: PosError } | null;
  currency: string;
}

function titleFor(sale: Sale | null): string {
  if (sale?.status === 'cancelled') return 'Sale cancelled';
  if (sale?.status === 'expired') return 'Invoice expired';
  return 'Charge failed';
}

export function Failed({ sale, chargeFailure, currency }: FailedProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useShortcuts({ Enter: retry, Escape: newSale });
  // A cancel or an expiry is routine, not an error: it gets a calm look; a refusal gets red.
  const stopped = sale?.status === 'cancelled' || sale?.status === 'expired';
  const amount = sale ? showMoney(sale.amountMinor, sale.currency) : `${currency} ${chargeFailure?.amount ?? ''}`;

  return (
    <div className={stopped ? 'outcome outcome--stopped' : 'outcome outcome--failed'}>
      <div className="outcome__mark" aria-hidden="true">
        ✕
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        {titleFor(sale)}
      </h2>
      <p className="outcome__amount">{amount}</p>
      <p className="outcome__reason">{failureText({ hasStatus: true, inFlight: false, currentSale: sale, chargeFailure })}</p>
      <p className="outcome__note">Nothing was paid for this sale.</p>
      <div className="outcome__actions">
        <button type="button" className="button button--primary" onClick={retry}>
          Retry
        </button>
        <button type="button" className="button button--secondary" onClick={newSale}>
          New sale
        </button>
      </div>
    </div>
  );
}
