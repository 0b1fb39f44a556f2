// Today's sales, newest first, kept current by sale-updated events (no polling).
import { SANDBOX_LABEL, sandboxSalesText, showClock, showMoney, STATUS_WORD } from '../format';
import { loadToday, useCounter } from '../store';
import { paidTotals } from '../today';

export function TodaySales() {
  const sales = useCounter((state) => state.today);
  const currentSaleId = useCounter((state) => state.currentSaleId);
  const listError = useCounter((state) => state.lastErrors.today);
  const totals = paidTotals(sales);
  const sandboxTotals = paidTotals(sales, { sandbox: true });

  return (
    <aside className="today" aria-labelledby="today-heading">
      <h2 id="today-heading" className="today__heading">
        Today’s sales
      </h2>
      {listError ? (
        <div className="today__error" role="alert">
          <p>Today’s sales could not be loaded: {listError.message}</p>
          <button type="button" className="button button--small" onClick={() => void loadToday()}>
            Reload list
          </button>
        </div>
      ) : null}
      {sales.length === 0 ? (
        <p className="today__empty">No sales yet today.</p>
      ) : (
        <ol className="today__list" aria-labelledby="today-heading">
          {sales.map((sale) => (
            <li key={sale.id} className={sale.id === currentSaleId ? 'sale-row is-current' : 'sale-row'}>
              <span className="sale-row__time">{showClock(sale.createdAt)}</span>
              <span className="sale-row__sale">
                <span className="sale-row__amount">{showMoney(sale.amountMinor, sale.currency)}</span>
                {sale.note ? (
                  <span className="sale-row__note" title={sale.note}>
                    {sale.note}
                  </span>
                ) : null}
              </span>
              <span className={`status-word status-word--${sale.status}`}>{STATUS_WORD[sale.status]}</span>
            </li>
          ))}
        </ol>
      )}
      {totals.length > 0 ? (
        <p className="today__total">
          Paid today:{' '}
          {totals
            .map((total) => `${showMoney(total.minor, total.currency)} (${total.count} sale${total.count === 1 ? '' : 's'})`)
            .join(' · ')}
        </p>
      ) : null}
      {sandboxTotals.length > 0 ? (
        <p className="today__sandbox">
          {SANDBOX_LABEL}:{' '}
          {sandboxTotals.map((total) => `${showMoney(total.minor, total.currency)} (${sandboxSalesText(total.count)})`).join(' · ')}
        </p>
      ) : null}
    </aside>
  );
}
