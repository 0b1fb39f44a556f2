// The screen the cashier and customer look for: green, the amount, "Paid". Enter starts the next sale.
import type { Sale } from '../../shared/sale';
import { showClock, showMoney } from '../format';
import { useFocusOnMount, useShortcuts } from '../hooks';
import { newSale } from '../store';

export function Paid({ sale }: { sale: Sale }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useShortcuts({ Enter: newSale });

  return (
    <div className="outcome outcome--paid">
      <div className="outcome__mark" aria-hidden="true">
        {sale.confirmation === 'chain-confirmed' ? '✓✓' : '✓'}
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        Paid
      </h2>
      {sale.confirmation ? (
        <p className="outcome__chain">
          {sale.confirmation === 'chain-confirmed'
            ? '✓✓ Confirmed on chain'
            : 'Recovered from chain: the payment was found on the blockchain, its notice never arrived'}
        </p>
      ) : null}
      <p className="outcome__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
      <p className="outcome__detail">
        {sale.paidCryptoAmount ? `${sale.paidCryptoAmount} ${sale.cryptoSymbol ?? ''} received` : 'Payment received'}
        {sale.paidAt ? ` at ${showClock(sale.paidAt)}` : ''}
        {sale.note ? ` · ${sale.note}` : ''}
      </p>
      {sale.overpaid ? (
        <p className="outcome__note">
          The customer paid more than the invoice asked. The sale is complete; the owner can refund the difference.
        </p>
      ) : null}
      <button type="button" className="button button--on-color" onClick={newSale}>
        New sale
      </button>
    </div>
  );
}
