// What a receipt adds for the books (issue 13): what the sale counts as takings when that is not its
// price, its refunds, and the owner's actions, each with its own time and who did it.
import { actorText } from '../../shared/access';
import type { Receipt } from '../../shared/api';
import { showMoney } from '../format';
import { showDateTime } from './time';

export function ReceiptBooks({ receipt, token }: { receipt: Receipt; token: string }) {
  const { sale } = receipt;
  const counted = sale.recognisedMinor !== null && sale.recognisedMinor !== sale.amountMinor;
  return (
    <>
      {counted || sale.refundedMinor > 0 ? (
        <dl className="receipt__facts receipt__books">
          {counted ? (
            <div className="receipt__fact">
              <dt>Counted as takings</dt>
              <dd>{showMoney(sale.recognisedMinor as number, sale.currency)}</dd>
            </div>
          ) : null}
          {sale.refundedMinor > 0 || sale.refundedCrypto ? (
            <div className="receipt__fact">
              <dt>Refunded</dt>
              <dd>
                {showMoney(sale.refundedMinor, sale.currency)}
                {sale.refundedCrypto ? ` (${sale.refundedCrypto} ${token})` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {receipt.refunds.length > 0 ? (
        <section className="receipt__refunds" aria-label="Refunds">
          <h4>Refunds</h4>
          <ol>
            {receipt.refunds.map((refund) => (
              <li key={refund.id}>
                <time dateTime={refund.at}>{showDateTime(refund.at)}</time> · {refund.cryptoAmount} {refund.token} ({showMoney(refund.fiatMinor, refund.currency)}) ·{' '}
                <span className="mono">{refund.txHash}</span> · {refund.reason} · {actorText(refund.by)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {receipt.ownerActions.length > 0 ? (
        <section className="receipt__owner-actions" aria-label="Owner actions taken">
          <h4>Owner actions</h4>
          <ol>
            {receipt.ownerActions.map((action, index) => (
              <li key={`${action.at}-${index}`}>
                <time dateTime={action.at}>{showDateTime(action.at)}</time> · {action.cause}
                {action.reason ? `: ${action.reason}` : ''}
                {action.by ? ` · ${actorText(action.by)}` : ''}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
