// Today's sales, newest first, kept current by sale-updated events (no polling). The list scrolls
// on its own, so it takes focus (keyboard users can scroll it); a sale charged to complete another
// says so (issue 12).
import { showClock, showMoney, statusWord } from '../format';
import { plural, useT } from '../i18n/locale';
import { loadToday, useCounter } from '../store';
import { paidTotals } from '../today';

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
        <ol className="today__list" aria-labelledby="today-heading" tabIndex={0}>
          {sales.map((sale) => (
            <li key={sale.id} className={sale.id === currentSaleId ? 'sale-row is-current' : 'sale-row'}>
              <span className="sale-row__time">{showClock(sale.createdAt)}</span>
              <span className="sale-row__sale">
                <span className="sale-row__amount">{showMoney(sale.amountMinor, sale.currency)}</span>
                {sale.linkedSaleId ? <span className="sale-row__note">↳ {t('today.linked')}</span> : null}
                {sale.note ? (
                  <span className="sale-row__note" title={sale.note}>
                    {sale.note}
                  </span>
                ) : null}
              </span>
              <span className={`status-word status-word--${sale.status}`}>{statusWord(sale.status)}</span>
            </li>
          ))}
        </ol>
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
