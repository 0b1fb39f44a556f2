// The gateway is slow to create the invoice: say so, and let the cashier give up. Nothing is charged
// until the QR code shows; the counter itself gives up after 30 s. Escape cancels.
import { parseAmount } from '../../shared/money';
import { showMoney } from '../format';
import { useFocusOnMount, useShortcuts } from '../hooks';
import { useT } from '../i18n/locale';
import { cancelWaitingCharge, useCounter, type ChargeAttempt } from '../store';

function amountText(amount: string, currency: string): string {
  try {
    const parsed = parseAmount(amount, currency);
    if (parsed.ok) return showMoney(parsed.minor, currency);
  } catch {
    // An unknown currency code: shown as typed.
  }
  return `${currency} ${amount}`;
}

export function Waiting({ attempt, currency }: { attempt: ChargeAttempt; currency: string }) {
  const t = useT();
  const cancelling = useCounter((state) => state.cancelling);
  const cancelError = useCounter((state) => state.lastErrors.cancel);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useShortcuts({ Escape: () => void cancelWaitingCharge() });

  return (
    <div className="outcome outcome--stopped outcome--waiting">
      <div className="outcome__mark spinner" aria-hidden="true" />
      <h2 className="outcome__title outcome__title--small" ref={heading} tabIndex={-1}>
        {t('waiting.title')}
      </h2>
      <p className="outcome__amount">{amountText(attempt.amount, currency)}</p>
      <p className="outcome__note">{t('waiting.text')}</p>
      {cancelError ? (
        <p className="error-text" role="alert">
          {t('payment.cancelFailed', { message: cancelError.message })}
        </p>
      ) : null}
      <div className="outcome__actions">
        <button type="button" className="button button--secondary" disabled={cancelling} onClick={() => void cancelWaitingCharge()}>
          {t('waiting.cancel')}
        </button>
      </div>
    </div>
  );
}
