// The day as it stands now (a preview, nothing stored): what it took, per currency and per token,
// its tips, refunds and net, what is still open, and what needs the owner. Printable on its own.
import type { DayClose as DayCloseData } from '../../shared/api';
import { NETWORKS } from '../../shared/mitilena';
import type { SaleStatus } from '../../shared/sale';
import { reviewText, SANDBOX_LABEL, sandboxSalesText, showMoney, STATUS_WORD } from '../format';
import { useCounter } from '../store';
import { moneyText } from './BookFiguresView';
import { openReceipt } from './store';
import { showDateTime, showDay } from './time';

const OPEN_AND_CLOSED: readonly SaleStatus[] = ['pending', 'expired', 'cancelled', 'failed', 'voided', 'review', 'partly-refunded', 'refunded'];

export function DayReport({ report, wholeShop = false }: { report: DayCloseData; wholeShop?: boolean }) {
  const counterShopName = useCounter((state) => state.status?.shopName ?? '');
  // Printed, the whole shop's day must not pass for one counter's.
  const shopName = wholeShop ? `${counterShopName || 'The shop'} (every counter)` : counterShopName;
  return (
    <article className="day-report" data-print-target="day-close" aria-label="Day close report">
      <h3 className="day-report__title">
        {shopName ? `${shopName}: day close` : 'Day close'} for {showDay(report.from)}
      </h3>
      <p className="day-report__note">Not closed yet: these figures follow every change until the day is closed with a Z-report.</p>
      <DayFigures report={report} />
      <h4>Other sales</h4>
      <table className="day-report__counts">
        <tbody>
          {OPEN_AND_CLOSED.map((status) => (
            <tr key={status} className={status === 'review' && report.counts.review > 0 ? 'is-review' : undefined}>
              <th scope="row">{STATUS_WORD[status]}</th>
              <td>{report.counts[status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Needing review</h4>
      <ReviewList review={report.review} />
    </article>
  );
}

/** What the day took: live money only, the sandbox's test sales apart and labelled. */
function DayFigures({ report }: { report: DayCloseData }) {
  return (
    <dl className="day-report__figures">
      <div className="day-report__figure">
        {/* Live sales only: a sandbox sale moved no real money (shown apart below). */}
        <dt>Paid sales</dt>
        <dd>{report.paidCount}</dd>
      </div>
      <div className="day-report__figure">
        <dt>Gross</dt>
        <dd>{report.gross.length === 0 ? '—' : report.gross.map((total) => <span key={total.currency}>{showMoney(total.amountMinor, total.currency)}</span>)}</dd>
      </div>
      {report.sandboxPaidCount > 0 ? (
        <div className="day-report__figure day-report__figure--sandbox">
          <dt>{SANDBOX_LABEL}</dt>
          <dd>
            {report.sandboxPaidTotals.map((total) => (
              <span key={total.currency}>{showMoney(total.amountMinor, total.currency)}</span>
            ))}
            {/* A space for screen readers and copied text; the flex column ignores it. */}{' '}
            <small>{sandboxSalesText(report.sandboxPaidCount)}, not takings</small>
          </dd>
        </div>
      ) : null}
      <div className="day-report__figure">
        <dt>Tips</dt>
        <dd>{moneyText(report.figures.live.tips)}</dd>
      </div>
      <div className="day-report__figure">
        <dt>Refunds</dt>
        <dd>{moneyText(report.figures.live.refunds)}</dd>
      </div>
      <div className="day-report__figure">
        <dt>Net</dt>
        <dd>
          {moneyText(report.figures.live.net)} <small>after refunds</small>
        </dd>
      </div>
      <div className="day-report__figure">
        <dt>Crypto received</dt>
        <dd>
          {report.crypto.length === 0
            ? '—'
            : report.crypto.map((row) => (
                <span key={`${row.token}-${row.blockchain}`}>
                  {row.amount} {row.token} on {NETWORKS[row.blockchain].network}
                </span>
              ))}
        </dd>
      </div>
      <div className="day-report__figure">
        <dt>Confirmed on chain</dt>
        <dd>{report.chainConfirmedCount}</dd>
      </div>
      <div className="day-report__figure">
        <dt>Recovered from chain</dt>
        <dd>{report.recoveredCount}</dd>
      </div>
      {report.overpaidCount > 0 ? (
        <div className="day-report__figure">
          <dt>Of which overpaid</dt>
          <dd>{report.overpaidCount}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function ReviewList({ review }: { review: DayCloseData['review'] }) {
  if (review.length === 0) return <p>Nothing needs review.</p>;
  return (
    <ul className="day-report__review">
      {review.map((sale) => (
        <li key={sale.id}>
          <button type="button" className="link-button" onClick={() => openReceipt(sale.id)}>
            {showDateTime(sale.createdAt)} · {showMoney(sale.amountMinor, sale.currency)}
          </button>
          <span>{reviewText(sale)}</span>
        </li>
      ))}
    </ul>
  );
}
