// A sale's receipt, in a dialog over the owner's screens: what a customer or an accountant needs,
// the event log that explains how the sale got here, and the owner's actions on it.
import { useEffect, useState } from 'react';
import type { Receipt as ReceiptData } from '../../shared/api';
import { NETWORKS } from '../../shared/mitilena';
import { Dialog } from '../components/Dialog';
import { OwnerActions } from '../components/OwnerActions';
import { PrintButtons } from '../desk/pdf';
import { ReceiptBooks } from '../desk/ReceiptBooks';
import { shownAnswer } from '../desk/reader';
import { openTransaction, receiptReader } from '../desk/reports';
import { closeReceipt, useDesk } from '../desk/store';
import { showDateTime } from '../desk/time';
import { CONFIRMATION_TEXT, reviewText, SANDBOX_LABEL, showMoney, STATUS_WORD } from '../format';

export function ReceiptDialog({ saleId }: { saleId: string }) {
  const revision = useDesk((state) => state.revision);
  const shown = receiptReader.useRead(shownAnswer);

  // Read on open and on a revision; a notice or another window changing this sale reads it again too.
  useEffect(() => receiptReader.show({ saleId }), [saleId, revision]);
  useEffect(() => () => receiptReader.show(null), []);

  return (
    <Dialog title="Receipt" onClose={closeReceipt} className="dialog--receipt">
      {!shown ? <p>Loading the receipt…</p> : null}
      {shown && !shown.ok ? (
        <p className="error-text" role="alert">
          The receipt could not be loaded: {shown.error.message}
        </p>
      ) : null}
      {shown?.ok ? <ReceiptBody receipt={shown.value} /> : null}
    </Dialog>
  );
}

function ReceiptBody({ receipt }: { receipt: ReceiptData }) {
  const { sale } = receipt;
  const network = NETWORKS[sale.blockchain];
  const [linkError, setLinkError] = useState<string | null>(null);
  const token = sale.cryptoSymbol ?? network.token;

  return (
    <>
      <article className="receipt" data-print-target="receipt" aria-label="Receipt">
        <h3 className="receipt__shop">{receipt.shopName || 'Mitilena Counter'}</h3>
        {/* The sale's own time; a payment's and the owner's actions' times are listed with them. */}
        <p className="receipt__when">{showDateTime(sale.createdAt)}</p>
        <p className="receipt__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
        {sale.tipMinor > 0 ? <p className="receipt__tip">incl. tip {showMoney(sale.tipMinor, sale.currency)}</p> : null}
        {sale.sandbox ? <p className="receipt__sandbox">{SANDBOX_LABEL}: a test payment made with the sandbox, not a real sale</p> : null}
        <p className={`receipt__status status-word status-word--${sale.status}`}>{STATUS_WORD[sale.status]}</p>
        {sale.confirmation ? <p className="receipt__chain">{CONFIRMATION_TEXT[sale.confirmation]}</p> : null}
        {sale.status === 'review' || sale.reviewReason ? (
          <p className="receipt__review">{reviewText(sale)}</p>
        ) : null}
        <dl className="receipt__facts">
          <Fact term="Crypto amount" value={sale.cryptoAmount ? `${sale.cryptoAmount} ${token}` : '—'} />
          {sale.paidCryptoAmount && sale.paidCryptoAmount !== sale.cryptoAmount ? (
            <Fact term="Crypto received" value={`${sale.paidCryptoAmount} ${token}`} />
          ) : null}
          <Fact term="Token and network" value={`${network.token} on ${network.network}`} />
          {sale.paidAt ? <Fact term="Payment arrived" value={showDateTime(sale.paidAt)} /> : null}
          {sale.cashier ? <Fact term="Cashier" value={sale.cashier} /> : null}
          <Fact term="Receiving address" value={sale.address ?? '—'} mono />
          <Fact term="Invoice id" value={sale.invoiceId ?? '—'} mono />
          <div className="receipt__fact">
            <dt>Transaction hash</dt>
            <dd className="mono">
              {sale.txHash ? (
                <a
                  href={receipt.explorerUrl ?? '#'}
                  onClick={(event) => {
                    event.preventDefault();
                    void openTransaction(sale.id).then(setLinkError);
                  }}
                >
                  {sale.txHash}
                </a>
              ) : (
                '—'
              )}
              {linkError ? <span className="error-text"> {linkError}</span> : null}
            </dd>
          </div>
          {sale.note ? <Fact term="Note" value={sale.note} /> : null}
          {/* Issue 12: charged together ("charge the difference"). */}
          {receipt.linkedSales.map((linked) => (
            <Fact key={linked.id} term="Charged together with" value={`${showMoney(linked.amountMinor, linked.currency)} · ${STATUS_WORD[linked.status]} · ${linked.id}`} />
          ))}
          <Fact term="Sale id" value={sale.id} mono />
        </dl>
        <ReceiptBooks receipt={receipt} token={token} />
        {receipt.footer ? <p className="receipt__footer">{receipt.footer}</p> : null}
        <section className="receipt__events" aria-label="Event log">
          <h4>Event log</h4>
          <ol>
            {receipt.events.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <time dateTime={event.at}>{showDateTime(event.at)}</time>{' '}
                <span className="receipt__event-status">
                  {event.fromStatus ? `${STATUS_WORD[event.fromStatus]} → ` : ''}
                  {STATUS_WORD[event.toStatus]}
                </span>
                : {event.cause}
              </li>
            ))}
          </ol>
        </section>
      </article>
      <div className="receipt__tools">
        <PrintButtons part="receipt" suggestedName={`receipt-${sale.id}.pdf`} />
        <OwnerActions sale={sale} />
      </div>
    </>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="receipt__fact">
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
