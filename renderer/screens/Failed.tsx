// The charge did not go through (refused, cancelled or expired): say why in the gateway's own
// words. Enter and Escape start a new sale, a digit starts it with that digit (issue 12); Retry is
// offered only where a charge failed, by its button or R, never by Enter.
import type { PosError } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { showMoney } from '../format';
import { useFocusOnMount, useOutcomeKeys } from '../hooks';
import { useT } from '../i18n/locale';
import { newSaleWith, retry } from '../register';
import { failureText } from '../screen-state';
import { newSale } from '../store';

interface FailedProps {
  sale: Sale | null;
  chargeFailure: { amount: string; error: PosError } | null;
  currency: string;
}

export function Failed({ sale, chargeFailure, currency }: FailedProps) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // A cancel or an expiry is routine, not an error: it gets a calm look; a refusal gets red.
  const stopped = sale?.status === 'cancelled' || sale?.status === 'expired' || sale?.status === 'voided';
  const canRetry = chargeFailure !== null || sale?.status === 'failed';
  useOutcomeKeys({ newSale: () => newSale(), startWith: newSaleWith, ...(canRetry ? { retry } : {}) });
  const amount = sale ? showMoney(sale.amountMinor, sale.currency) : `${currency} ${chargeFailure?.amount ?? ''}`;
  const title = sale?.status === 'cancelled' ? t('failed.cancelled') : sale?.status === 'expired' ? t('failed.expired') : sale?.status === 'voided' ? t('failed.voided') : t('failed.title');

  return (
    <div className={stopped ? 'outcome outcome--stopped' : 'outcome outcome--failed'}>
      <div className="outcome__mark" aria-hidden="true">
        ✕
      </div>
      <h2 className="outcome__title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="outcome__amount">{amount}</p>
      <p className="outcome__reason">{failureText({ currentSale: sale, chargeFailure })}</p>
      <p className="outcome__note">{t('failed.nothingPaid')}</p>
      <div className="outcome__actions">
        {canRetry ? (
          <button type="button" className="button button--primary" aria-keyshortcuts="R" onClick={retry}>
            {t('failed.retry')}
          </button>
        ) : null}
        <button type="button" className={canRetry ? 'button button--secondary' : 'button button--primary'} onClick={() => newSale()}>
          {t('failed.newSale')}
        </button>
      </div>
    </div>
  );
}
