// The alerts' toasts (issue 12): "Paid: EUR 12.50", "Needs review: EUR 3.00", each leading to its
// sale. A polite live region of its own; never a role=status (the header's is the page's one).
import { dismissToast, openToast, useAlerts } from '../alerts';
import { showMoney } from '../format';
import { useT } from '../i18n/locale';

export function Toasts() {
  const t = useT();
  const toasts = useAlerts((state) => state.toasts);
  return (
    <section className="toasts" aria-label={t('toast.region')} aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`}>
          <button type="button" className="toast__open" onClick={() => openToast(toast)}>
            {t(toast.kind === 'paid' ? 'toast.paid' : 'toast.review', { amount: showMoney(toast.amountMinor, toast.currency) })}
            <span className="toast__action">{t('toast.open')}</span>
          </button>
          <button type="button" className="toast__dismiss" aria-label={t('toast.dismiss')} onClick={() => dismissToast(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
