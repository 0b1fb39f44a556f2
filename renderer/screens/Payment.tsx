// The customer scans the QR; the screen waits for the notice (it never polls) and can cancel. It
// runs the counter's own clock (issue 12): time elapsed, and after the counter's time-out a
// "still waiting?" question (keep waiting, or cancel); the gateway's expiry only when it is sooner.
import { useState } from 'react';
import { NETWORKS } from '../../shared/mitilena';
import type { Sale } from '../../shared/sale';
import { InvoiceQr } from '../components/InvoiceQr';
import { counterClock, formatElapsed, formatTimeLeft } from '../countdown';
import { showMoney } from '../format';
import { useFocusOnMount, useNow, useShortcuts } from '../hooks';
import { useT } from '../i18n/locale';
import { cancelCurrentSale, useCounter } from '../store';

const MINUTE_MS = 60_000;
const TICK_MS = 1000;

export function Payment({ sale }: { sale: Sale }) {
  const t = useT();
  const cancelling = useCounter((state) => state.cancelling);
  const cancelError = useCounter((state) => state.lastErrors.cancel);
  const timeoutMinutes = useCounter((state) => state.status?.counter.counterTimeoutMinutes ?? 15);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const network = NETWORKS[sale.blockchain];
  const canCancel = sale.status === 'pending' && !cancelling;
  const now = useNow(TICK_MS);
  const [deadline, setDeadline] = useState(() => Date.parse(sale.createdAt) + timeoutMinutes * MINUTE_MS);
  const clock = counterClock(sale, deadline, now);

  useShortcuts({ Escape: () => void cancelCurrentSale() });

  return (
    <div className="payment">
      <div className="payment__qr">
        <InvoiceQr url={sale.paymentPage} />
      </div>
      <div className="payment__details">
        <h2 className="payment__heading" ref={heading} tabIndex={-1}>
          {sale.status === 'creating' ? t('payment.creating') : t('payment.scan')}
        </h2>
        <p className="payment__fiat">{showMoney(sale.amountMinor, sale.currency)}</p>
        {sale.tipMinor > 0 ? <p className="payment__tip">{t('payment.tip', { tip: showMoney(sale.tipMinor, sale.currency) })}</p> : null}
        <dl className="facts">
          <div className="facts__item">
            <dt>{t('payment.crypto')}</dt>
            <dd className="facts__crypto" dir="ltr">
              {sale.cryptoAmount ? `${sale.cryptoAmount} ${sale.cryptoSymbol ?? network.token}` : t('payment.onPage')}
            </dd>
            <dd className="facts__network">{t('payment.network', { network: network.network })}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('payment.address')}</dt>
            <dd className="facts__address">{sale.address ?? t('payment.onPage')}</dd>
          </div>
          <div className="facts__item facts__item--inline">
            <dt>{t('payment.elapsed')}</dt>
            <dd>
              <span className="time-left">{formatElapsed(clock.elapsedMs)}</span>
            </dd>
          </div>
          {clock.expiresInMs !== null ? (
            <div className="facts__item facts__item--inline">
              <dt>{t('payment.expires')}</dt>
              <dd>
                <time className={clock.expiresInMs <= MINUTE_MS ? 'time-left time-left--short' : 'time-left'} dateTime={sale.expiresAt ?? undefined}>
                  {formatTimeLeft(clock.expiresInMs)}
                </time>
              </dd>
            </div>
          ) : null}
          {sale.note ? (
            <div className="facts__item facts__item--inline">
              <dt>{t('payment.note')}</dt>
              <dd className="facts__note">{sale.note}</dd>
            </div>
          ) : null}
        </dl>
        {clock.askStillWaiting && canCancel ? (
          <section className="still-waiting" aria-labelledby="still-waiting-title">
            <h3 id="still-waiting-title">{t('payment.stillWaiting')}</h3>
            <p>{t('payment.stillWaitingText', { minutes: Math.round((deadline - Date.parse(sale.createdAt)) / MINUTE_MS) })}</p>
            <div className="still-waiting__actions">
              <button type="button" className="button button--primary" onClick={() => setDeadline(now + timeoutMinutes * MINUTE_MS)}>
                {t('payment.keep')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => void cancelCurrentSale()}>
                {t('payment.cancelSale')}
              </button>
            </div>
          </section>
        ) : null}
        {cancelError ? (
          <p className="error-text" role="alert">
            {t('payment.cancelFailed', { message: cancelError.message })}
          </p>
        ) : null}
        <button type="button" className="button button--secondary button--cancel" disabled={!canCancel} onClick={() => void cancelCurrentSale()}>
          {t('payment.cancel')}
        </button>
      </div>
    </div>
  );
}
