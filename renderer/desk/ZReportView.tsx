// A stored Z-report as printed: its number, when and by whom it was made, the day's figures, the
// adjustments to days closed before, the total, the refunds and the sales still in review. Prints on
// A4 or on an 80 mm receipt roll (the same article; print CSS narrows it).
import { actorText } from '../../shared/access';
import type { ZReport } from '../../shared/books';
import { reviewText, showMoney, STATUS_WORD } from '../format';
import { BookFiguresView, ModeTable, moneyText } from './BookFiguresView';
import { printPart } from './files';
import { PrintButtons } from './pdf';
import { openReceipt } from './store';
import { showDateTime } from './time';

export function ZReportView({ report, shopName }: { report: ZReport; shopName: string }) {
  const { adjustments } = report;
  return (
    <>
      <div className="desk-controls">
        <PrintButtons part="z-report" suggestedName={`z-report-${report.number}-${report.day}.pdf`} />
        <button type="button" className="button button--small button--secondary" onClick={() => printPart('z-report-roll')}>
          Print on receipt roll
        </button>
      </div>
      <article className="z-report" data-print-target="z-report" aria-label={`Z-report ${report.number}`}>
        <header className="z-report__head">
          <h3>{shopName ? `${shopName}: ` : ''}Z-report No. {report.number}</h3>
          <p>
            Day {report.day} ({report.timeZone}) · made {showDateTime(report.generatedAt)} · closed by {actorText(report.closedBy)}
          </p>
        </header>
        <h4>The day</h4>
        <BookFiguresView figures={report.figures} label="The day's figures" />
        <h4>Adjustments to days closed before</h4>
        {adjustments.sales.length === 0 ? (
          <p>None.</p>
        ) : (
          <>
            <table className="z-table z-table--wide">
              <thead>
                <tr>
                  <th scope="col">Sale</th>
                  <th scope="col">Day (report)</th>
                  <th scope="col">Was → now</th>
                  <th scope="col">Gross change</th>
                  <th scope="col">Refunds change</th>
                </tr>
              </thead>
              <tbody>
                {adjustments.sales.map((sale) => (
                  <tr key={sale.saleId}>
                    <td>
                      <button type="button" className="link-button mono" onClick={() => openReceipt(sale.saleId)}>
                        {sale.saleId.slice(-8)}
                      </button>
                    </td>
                    <td>
                      {sale.day}
                      {sale.lastReport ? ` (No. ${sale.lastReport})` : ' (made after closing)'}
                    </td>
                    <td>
                      {sale.from ? STATUS_WORD[sale.from] : '—'} → {STATUS_WORD[sale.to]}
                    </td>
                    <td>{showMoney(sale.grossChangeMinor, sale.currency)}</td>
                    <td>{showMoney(sale.refundChangeMinor, sale.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ModeTable figures={adjustments.figures.live} caption="Adjustments (live)" />
          </>
        )}
        <ModeTable figures={report.total.live} caption="This report in total (the day and the adjustments, live)" />
        <h4>Refunds</h4>
        {report.refunds.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="z-report__list">
            {report.refunds.map((refund) => (
              <li key={refund.id}>
                {showDateTime(refund.at)} · {refund.cryptoAmount} {refund.token} = {showMoney(refund.fiatMinor, refund.currency)} · {refund.reason} · {actorText(refund.by)} ·{' '}
                <span className="mono">{refund.txHash}</span>
              </li>
            ))}
          </ul>
        )}
        <h4>Needing review when closed</h4>
        {report.review.length === 0 ? (
          <p>Nothing needed review.</p>
        ) : (
          <ul className="z-report__list">
            {report.review.map((sale) => (
              <li key={sale.saleId}>
                {showDateTime(sale.createdAt)} · {showMoney(sale.amountMinor, sale.currency)} · {reviewText(sale)}
              </li>
            ))}
          </ul>
        )}
        <p className="z-report__net">Net of this report: {moneyText(report.total.live.net)}</p>
      </article>
    </>
  );
}
