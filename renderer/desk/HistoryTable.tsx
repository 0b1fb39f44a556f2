// The loaded pages of sales as an ARIA table of fixed-height grid rows, windowed: only the rows in
// view are in the DOM however many pages were loaded.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Sale } from '../../shared/sale';
import { fixedRows, useRowWindow } from '../components/windowing';
import { CONFIRMATION_TEXT, reviewText, SANDBOX_LABEL, showMoney, STATUS_WORD } from '../format';
import { openReceipt } from './store';
import { showDateTime } from './time';

interface HistoryTableProps {
  /** In the whole shop's list each sale names its counter (issue 15). */
  sales: readonly (Sale & { counter?: string })[];
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Must match .history-row's height in desk.css. */
const ROW_HEIGHT_PX = 76;

export function HistoryTable({ sales, hasMore, loading, onLoadMore }: HistoryTableProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const layout = useMemo(() => fixedRows(sales.length, ROW_HEIGHT_PX), [sales.length]);
  const { start, end } = useRowWindow(body, layout);

  // Infinite scroll: the next page is read when the end of the list comes into view. Observed anew
  // after each page, so an end still in view asks for the one after.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore, sales.length]);

  return (
    <>
      <div className="history-table" role="table" aria-label="Sales history" aria-rowcount={hasMore ? -1 : sales.length + 1} data-loaded-rows={sales.length}>
        <div role="rowgroup">
          <div className="history-row history-row--head" role="row" aria-rowindex={1}>
            <span role="columnheader">Time</span>
            <span role="columnheader">Amount</span>
            <span role="columnheader">Crypto</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Note and invoice</span>
            <span role="columnheader">Receipt</span>
          </div>
        </div>
        <div role="rowgroup" ref={body}>
          <div aria-hidden="true" style={{ height: start * ROW_HEIGHT_PX }} />
          {sales.slice(start, end).map((sale, offset) => (
            <HistoryRow key={sale.id} sale={sale} rowIndex={start + offset + 2} />
          ))}
          <div aria-hidden="true" style={{ height: (sales.length - end) * ROW_HEIGHT_PX }} />
        </div>
      </div>
      {sales.length === 0 && !loading ? <p className="history__empty">No sales match.</p> : null}
      <div ref={sentinel} className="history__more">
        {hasMore ? (
          <button type="button" className="button button--small button--secondary" disabled={loading} onClick={onLoadMore}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        ) : loading ? (
          <span>Loading…</span>
        ) : null}
      </div>
    </>
  );
}

/** Memoised: loading page 31 must not re-render the 3,000 rows already on screen. */
const HistoryRow = memo(function HistoryRow({ sale, rowIndex }: { sale: Sale & { counter?: string }; rowIndex: number }) {
  const review = sale.status === 'review';
  const reason = review ? reviewText(sale) : null;
  // A sale of the whole shop's list may be another counter's: its receipt is on that counter.
  const open = sale.counter === undefined ? () => openReceipt(sale.id) : undefined;
  return (
    <div
      className={review ? 'history-row history-row--review' : 'history-row'}
      role="row"
      aria-rowindex={rowIndex}
      onClick={open}
    >
      <span role="cell" className="history-row__time">
        {showDateTime(sale.createdAt)}
      </span>
      <span role="cell" className="history-row__amount">
        {showMoney(sale.amountMinor, sale.currency)}
        {sale.tipMinor > 0 ? <span className="history-row__tip">tip {showMoney(sale.tipMinor, sale.currency)}</span> : null}
      </span>
      <span role="cell" className="history-row__crypto">
        {sale.paidCryptoAmount ?? sale.cryptoAmount ?? '—'} {sale.cryptoSymbol ?? ''}
      </span>
      <span role="cell">
        <span className={`status-word status-word--${sale.status}`}>{STATUS_WORD[sale.status]}</span>
        {sale.sandbox ? <span className="history-row__sandbox">{SANDBOX_LABEL}</span> : null}
        {sale.confirmation ? <span className={`history-row__chain history-row__chain--${sale.confirmation}`}>{CONFIRMATION_TEXT[sale.confirmation]}</span> : null}
        {reason ? (
          <span className="history-row__reason" title={reason}>
            {reason}
          </span>
        ) : null}
      </span>
      <span role="cell" className="history-row__note">
        {/* Issue 12: a sale charged for the difference leads to the one it completes. */}
        {sale.linkedSaleId ? <LinkedSale saleId={sale.linkedSaleId} /> : null}
        {sale.counter !== undefined ? <span className="history-row__counter">{sale.counter || 'Unnamed counter'}</span> : null}
        {sale.cashier ? <span className="history-row__cashier">Cashier: {sale.cashier}</span> : null}
        {sale.note ? <span title={sale.note}>{sale.note}</span> : null}
        <span className="mono">{sale.invoiceId ?? sale.id}</span>
      </span>
      <span role="cell">
        {open ? (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={(event) => {
              event.stopPropagation();
              open();
            }}
          >
            Receipt
          </button>
        ) : null}
      </span>
    </div>
  );
});

/** "Completes sale …": opens the receipt of the sale this one was charged to complete (issue 12). */
function LinkedSale({ saleId }: { saleId: string }) {
  return (
    <button
      type="button"
      className="link-button history-row__linked"
      onClick={(event) => {
        event.stopPropagation();
        openReceipt(saleId);
      }}
    >
      ↳ completes sale …{saleId.slice(-6)}
    </button>
  );
}
