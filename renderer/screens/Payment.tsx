// The customer scans the QR; the screen waits for the notice (it never polls) and can cancel.
import { NETWORKS } from '../../shared/mitilena';
import type { Sale } from '../../shared/sale';
import { InvoiceQr } from '../components/InvoiceQr';
import { TimeLeft } from '../components/TimeLeft';
import { showMoney } from '../format';
import { useFocusOnMount, useShortcuts } from '../hooks';
import { cancelCurrentSale, useCounter } from '../store';

export function Payment({ sale }: { sale: Sale }) {
  const cancelling = useCounter((state) => state.cancelling);
  const cancelError = useCounter((state) => state.lastErrors.cancel);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const network = NETWORKS[sale.blockchain];
  const canCancel = sale.status === 'pending' && !cancelling;

  useShortcuts({ Escape: () => void cancelCurrentSale() });

  return (
    <div className="payment">
      <div className="payment__qr">
        <InvoiceQr url={sale.paymentPage} />
      </div>
      <div className="payment__details">
        <h2 className="payment__heading" ref={heading} tabIndex={-1}>
          {sale.status === 'creating' ? 'Creating invoice…' : 'Scan to pay'}
        </h2>
        <p className="payment__fiat">{showMoney(sale.amountMinor, sale.currency)}</p>
        <dl className="facts">
          <div className="facts__item">
            <dt>Crypto amount</dt>
            <dd className="facts__crypto">
              {sale.cryptoAmount ? `${sale.cryptoAmount} ${sale.cryptoSymbol ?? network.token}` : 'Shown on the payment page'}
            </dd>
            <dd className="facts__network">on {network.network}</dd>
          </div>
          <div className="facts__item">
            <dt>Receiving address</dt>
            <dd className="facts__address">{sale.address ?? 'Shown on the payment page'}</dd>
          </div>
          <div className="facts__item facts__item--inline">
            <dt>Time left</dt>
            <dd>
              <TimeLeft expiresAt={sale.expiresAt} />
            </dd>
          </div>
          {sale.note ? (
            <div className="facts__item facts__item--inline">
              <dt>Note</dt>
              <dd className="facts__note">{sale.note}</dd>
            </div>
          ) : null}
        </dl>
        {cancelError ? (
          <p className="error-text" role="alert">
            Could not cancel: {cancelError.message}
          </p>
        ) : null}
        <button
          type="button"
          className="button button--secondary button--cancel"
          disabled={!canCancel}
          onClick={() => void cancelCurrentSale()}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
