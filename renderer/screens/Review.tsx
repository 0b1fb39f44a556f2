// A payment arrived but something is off: amber, never green, and the reason in plain words.
import { REVIEW_REASON_TEXT, type Sale } from '../../shared/sale';
import { showMoney } from '../format';
import { useFocusOnMount, useShortcuts } from '../hooks';
import { newSale } from '../store';

export function Review({ sale }: { sale: Sale }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useShortcuts({ Enter: newSale });
  const reason = sale.reviewReason ? REVIEW_REASON_TEXT[sale.reviewReason] : 'The payment does not match the invoice';

  return (
    <div className="outcome outcome--review">
      <div className="outcome__mark" aria-hidden="true">
        !
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        Needs review
      </h2>
      <p className="outcome__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
      <p className="outcome__reason">{reason}.</p>
      {sale.reviewDetail ? <p className="outcome__detail">{sale.reviewDetail}</p> : null}
      <p className="outcome__note">
        Do not hand over the goods as paid yet. The payment is recorded; the owner decides what happens next.
      </p>
      <button type="button" className="button button--on-color" onClick={newSale}>
        New sale
      </button>
    </div>
  );
}
