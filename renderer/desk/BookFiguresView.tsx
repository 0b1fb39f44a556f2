// The figures of a set of sales (a day, or a report's adjustments) as an accountant reads them:
// live money (gross, tips, refunds, net), the sandbox's apart, crypto per token and network, and
// per status how many sales and what they asked.
import type { BookFigures, Money, ModeFigures } from '../../shared/books';
import { NETWORKS } from '../../shared/mitilena';
import { SANDBOX_LABEL, showMoney, STATUS_WORD } from '../format';

export const moneyText = (list: readonly Money[]): string => (list.length === 0 ? '—' : list.map((money) => showMoney(money.amountMinor, money.currency)).join(' · '));

export function ModeTable({ figures, caption }: { figures: ModeFigures; caption: string }) {
  return (
    <table className="z-table">
      <caption>{caption}</caption>
      <tbody>
        <tr>
          <th scope="row">Paid sales</th>
          <td>{figures.paidCount}</td>
        </tr>
        <tr>
          <th scope="row">Gross</th>
          <td>{moneyText(figures.gross)}</td>
        </tr>
        <tr>
          <th scope="row">of which tips</th>
          <td>{moneyText(figures.tips)}</td>
        </tr>
        <tr>
          <th scope="row">Refunds</th>
          <td>{moneyText(figures.refunds)}</td>
        </tr>
        <tr className="z-table__total">
          <th scope="row">Net (gross − refunds)</th>
          <td>{moneyText(figures.net)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function BookFiguresView({ figures, label }: { figures: BookFigures; label: string }) {
  const sandbox = figures.sandbox.paidCount !== 0 || figures.sandbox.gross.length > 0;
  return (
    <div className="z-figures" aria-label={label}>
      <ModeTable figures={figures.live} caption="Takings (live)" />
      {sandbox ? <ModeTable figures={figures.sandbox} caption={`${SANDBOX_LABEL} (not takings)`} /> : null}
      <table className="z-table">
        <caption>Crypto (live)</caption>
        <thead>
          <tr>
            <th scope="col">Token and network</th>
            <th scope="col">Received</th>
            <th scope="col">Refunded</th>
            <th scope="col">Net</th>
          </tr>
        </thead>
        <tbody>
          {figures.crypto.length === 0 ? (
            <tr>
              <td colSpan={4}>—</td>
            </tr>
          ) : null}
          {figures.crypto.map((row) => (
            <tr key={`${row.token}-${row.blockchain}`}>
              <th scope="row">
                {row.token} on {NETWORKS[row.blockchain].network}
              </th>
              <td>{row.received}</td>
              <td>{row.refunded}</td>
              <td>{row.net}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="z-table">
        <caption>Sales per status</caption>
        <tbody>
          {figures.statuses.length === 0 ? (
            <tr>
              <td colSpan={3}>No sales</td>
            </tr>
          ) : null}
          {figures.statuses.map((row) => (
            <tr key={row.status} className={row.status === 'review' ? 'is-review' : undefined}>
              <th scope="row">{STATUS_WORD[row.status]}</th>
              <td>{row.count}</td>
              <td>{moneyText(row.amounts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
