// A payment arrived but something is off: amber, never green, and the reason in plain words. After
// an underpayment the shortfall in fiat and crypto, and "Charge the difference" (issue 12): a new
// sale for what is missing, linked to this one.
import type { Sale } from '../../shared/sale';
import { reviewReasonWords, showMoney } from '../format';
import { useFocusOnMount, useOutcomeKeys } from '../hooks';
import { useT } from '../i18n/locale';
import { chargeDifference, newSaleWith } from '../register';
import { shortfallOf } from '../shortfall';
import { newSale } from '../store';

export function Review({ sale }: { sale: Sale }) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useOutcomeKeys({ newSale: () => newSale(), startWith: newSaleWith });
  const shortfall = shortfallOf(sale);

  return (
    <div className="outcome outcome--review">
      <div className="outcome__mark" aria-hidden="true">
        !
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        {t('review.title')}
      </h2>
      <p className="outcome__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
      <p className="outcome__reason">{reviewReasonWords(sale)}.</p>
      {sale.reviewDetail ? <p className="outcome__detail">{sale.reviewDetail}</p> : null}
      {shortfall ? (
        <p className="outcome__shortfall">
          {t('review.shortfall', { fiat: showMoney(shortfall.fiatMinor, sale.currency), crypto: `${shortfall.crypto} ${sale.cryptoSymbol ?? ''}`.trim() })}
        </p>
      ) : null}
      <p className="outcome__note">{t('review.note')}</p>
      <div className="outcome__actions">
        {shortfall ? (
          <button type="button" className="button button--on-color" onClick={() => chargeDifference(sale)}>
            {t('review.chargeDifference')}
          </button>
        ) : null}
        <button type="button" className="button button--on-color" onClick={() => newSale()}>
          {t('review.newSale')}
        </button>
      </div>
    </div>
  );
}
