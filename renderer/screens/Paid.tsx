// The screen the cashier and customer look for: green, the amount, "Paid". Enter or a digit starts
// the next sale (issue 12: a digit is its first key); Receipt prints the customer's receipt.
import { useEffect } from 'react';
import type { Sale } from '../../shared/sale';
import { showClock, showMoney } from '../format';
import { useFocusOnMount, useOutcomeKeys } from '../hooks';
import { useT } from '../i18n/locale';
import { newSaleWith } from '../register';
import { autoPrintReceipt, openCustomerReceipt } from '../receipt-print';
import { newSale, useCounter } from '../store';

export function Paid({ sale }: { sale: Sale }) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const emailedTo = useCounter((state) => state.emailedTo);
  useOutcomeKeys({ newSale: () => newSale(), startWith: newSaleWith });
  useEffect(() => autoPrintReceipt(sale.id), [sale.id]);

  const received = sale.paidCryptoAmount ? t('paid.received', { crypto: `${sale.paidCryptoAmount} ${sale.cryptoSymbol ?? ''}`.trim() }) : t('paid.receivedPlain');
  return (
    <div className="outcome outcome--paid">
      <div className="outcome__mark" aria-hidden="true">
        {sale.confirmation === 'chain-confirmed' ? '✓✓' : '✓'}
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        {t('paid.title')}
      </h2>
      {sale.confirmation ? <p className="outcome__chain">{t(sale.confirmation === 'chain-confirmed' ? 'paid.chainConfirmed' : 'paid.recovered')}</p> : null}
      <p className="outcome__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
      {sale.tipMinor > 0 ? <p className="outcome__detail">{t('paid.tip', { tip: showMoney(sale.tipMinor, sale.currency) })}</p> : null}
      <p className="outcome__detail">
        {received}
        {sale.paidAt ? ` ${t('paid.at', { time: showClock(sale.paidAt) })}` : ''}
        {sale.note ? ` · ${sale.note}` : ''}
      </p>
      {sale.overpaid ? <p className="outcome__note">{t('paid.overpaid')}</p> : null}
      {emailedTo ? <p className="outcome__note">{t('paid.emailed', { email: emailedTo })}</p> : null}
      <div className="outcome__actions">
        <button type="button" className="button button--on-color" onClick={() => newSale()}>
          {t('paid.newSale')}
        </button>
        <button type="button" className="button button--on-color button--quiet" onClick={() => openCustomerReceipt(sale.id)}>
          {t('paid.receipt')}
        </button>
      </div>
      <p className="outcome__hint">{t('paid.next')}</p>
    </div>
  );
}
