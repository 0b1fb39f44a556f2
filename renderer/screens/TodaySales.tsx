// Today's sales, newest first, kept current by sale-updated events (no polling), and the day's
// totals. The list (TodayList.tsx) is windowed and scrolls on its own, so it takes focus (keyboard
// users can scroll it); a sale charged to complete another says so (issue 12).
import { showMoney } from '../format';
import { plural, useT } from '../i18n/locale';
import { loadToday, useCounter } from '../store';
import { paidTotals } from '../today';
import { TodayList } from './TodayList';

export function TodaySales() {
  const t = useT();
  const sales = useCounter((state) => state.today);
  const currentSaleId = useCounter((state) => state.currentSaleId);
  const listError = useCounter((state) => state.lastErrors.today);
  const totals = paidTotals(sales);
  const sandboxTotals = paidTotals(sales, { sandbox: true });

  return (
    <aside className="today" aria-labelledby="today-heading">
      <h2 id="today-heading" className="today__heading">
        {t('today.heading')}
      </h2>
      {listError ? (
        <div className="today__error" role="alert">
          <p>{t('today.error', { message: listError.message })}</p>
          <button type="button" className="button button--small" onClick={() => void loadToday()}>
            {t('today.reload')}
          </button>
        </div>
      ) : null}
      {sales.length === 0 ? (
        <p className="today__empty">{t('today.empty')}</p>
      ) : (
        <TodayList sales={sales} currentSaleId={currentSaleId} />
      )}
      {totals.length > 0 ? (
        <p className="today__total">
          {t('today.paid', { totals: totals.map((total) => `${showMoney(total.minor, total.currency)} (${plural('count.sales', total.count)})`).join(' · ') })}
        </p>
      ) : null}
      {sandboxTotals.length > 0 ? (
        <p className="today__sandbox">
          {t('today.sandbox', { totals: sandboxTotals.map((total) => `${showMoney(total.minor, total.currency)} (${plural('count.testSales', total.count)})`).join(' · ') })}
        </p>
      ) : null}
    </aside>
  );
}
