// The customer's receipt (issue 12): the shop, the amount with the tip apart, how it was paid, the
// sale it was charged together with; no event log, nothing for the owner. Sized for the shop's
// paper (58/80 mm roll or A4) and printed on one page.
import { Fragment, useEffect, useRef } from 'react';
import type { Receipt } from '../../shared/api';
import { NETWORKS } from '../../shared/mitilena';
import { showMoney, statusWord } from '../format';
import { showDateTime } from '../desk/time';
import { useT } from '../i18n/locale';
import { closeCustomerReceipt, printCustomerReceipt, useCustomerReceipt } from '../receipt-print';
import { useCounter } from '../store';
import { Dialog } from './Dialog';

export function CustomerReceiptDialog() {
  const t = useT();
  const { receipt, error, printOnShow, outcome } = useCustomerReceipt();
  const paper = useCounter((state) => state.status?.counter.paperWidth ?? '80mm');
  const article = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!receipt || !printOnShow || !article.current) return;
    void printCustomerReceipt(article.current).then(closeCustomerReceipt);
  }, [receipt, printOnShow]);

  return (
    <Dialog title={t('receipt.title')} onClose={closeCustomerReceipt} className="dialog--narrow">
      {!receipt && !error ? <p>{t('receipt.loading')}</p> : null}
      {error ? (
        <p className="error-text" role="alert">
          {t('receipt.error', { message: error.message })}
        </p>
      ) : null}
      {receipt ? (
        <article ref={article} className={`customer-receipt customer-receipt--${paper}`} data-print-target="customer-receipt" aria-label={t('receipt.title')}>
          <ReceiptLines receipt={receipt} />
        </article>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" data-autofocus disabled={!receipt} onClick={() => article.current && void printCustomerReceipt(article.current)}>
          {t('receipt.print')}
        </button>
        {outcome ? <span aria-live="polite">{t(outcome === 'printed' ? 'receipt.printed' : 'receipt.notPrinted')}</span> : null}
      </div>
    </Dialog>
  );
}

function ReceiptLines({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const { sale } = receipt;
  const network = NETWORKS[sale.blockchain];
  const token = sale.cryptoSymbol ?? network.token;
  const line = (term: string, value: string, className = '') => (
    <div className={`customer-receipt__line ${className}`}>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <h3 className="customer-receipt__shop">{receipt.shopName || t('app.name')}</h3>
      <p className="customer-receipt__when">{showDateTime(sale.paidAt ?? sale.createdAt)}</p>
      {sale.sandbox ? <p className="customer-receipt__sandbox">{t('receipt.sandbox')}</p> : null}
      <dl className="customer-receipt__lines">
        {sale.tipMinor > 0 ? line(t('receipt.amount'), showMoney(sale.amountMinor - sale.tipMinor, sale.currency)) : null}
        {sale.tipMinor > 0 ? line(t('receipt.tip'), showMoney(sale.tipMinor, sale.currency)) : null}
        {line(t('receipt.total'), showMoney(sale.amountMinor, sale.currency), 'customer-receipt__total')}
        {line(t('receipt.paid'), statusWord(sale.status))}
        {line(t('receipt.paidWith'), `${sale.paidCryptoAmount ?? sale.cryptoAmount ?? '—'} ${token} · ${network.network}`)}
        {sale.txHash ? line(t('receipt.tx'), sale.txHash, 'customer-receipt__mono') : null}
        {sale.invoiceId ? line(t('receipt.invoice'), sale.invoiceId, 'customer-receipt__mono') : null}
        {line(t('receipt.sale'), sale.id, 'customer-receipt__mono')}
        {receipt.linkedSales.map((linked) => (
          <Fragment key={linked.id}>{line(t('receipt.linked'), `${showMoney(linked.amountMinor, linked.currency)} · ${statusWord(linked.status)} · ${showDateTime(linked.createdAt)}`)}</Fragment>
        ))}
      </dl>
      {sale.note ? <p className="customer-receipt__note">{sale.note}</p> : null}
      {receipt.footer ? <p className="customer-receipt__footer">{receipt.footer}</p> : null}
    </>
  );
}
