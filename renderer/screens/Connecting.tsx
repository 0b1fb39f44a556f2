// Shown until the counter service has told us the shop's status (currency, mode), or why it cannot.
import { useT } from '../i18n/locale';
import { loadStatus, useCounter } from '../store';

export function Connecting() {
  const t = useT();
  const error = useCounter((state) => state.lastErrors.status);
  if (!error) return <p className="connecting">{t('connecting.text')}</p>;
  return (
    <div className="connecting" role="alert">
      <h2>{t('connecting.notReady')}</h2>
      <p>{error.message}</p>
      <button type="button" className="button button--primary" onClick={() => void loadStatus()}>
        {t('connecting.retry')}
      </button>
    </div>
  );
}
