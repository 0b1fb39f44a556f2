// The owner's history: a period, a status filter and a search; the totals of the whole selection;
// the sales page by page. Each row opens its receipt.
import { useEffect, useMemo, useState } from 'react';
import { SALE_STATUSES, type SaleStatus } from '../../shared/sale';
import { Field, SelectField } from '../components/Field';
import { CsvExport } from '../desk/csv-export';
import { loadMoreHistory, showHistory, summaryReader, useHistoryPages, type HistorySummary } from '../desk/history';
import { shownAnswer } from '../desk/reader';
import { HistoryTable } from '../desk/HistoryTable';
import { RangePicker, type RangeChoice } from '../desk/RangePicker';
import { localDayOf, presetInstants } from '../desk/ranges';
import { useDesk } from '../desk/store';
import { SANDBOX_LABEL, sandboxSalesText, showMoney, STATUS_WORD } from '../format';

const SEARCH_DEBOUNCE_MS = 300;
const STATUS_CHOICES = [{ value: '' as const, text: 'All' }, ...SALE_STATUSES.map((value) => ({ value, text: STATUS_WORD[value] }))];

export function History() {
  const revision = useDesk((state) => state.revision);
  const today = localDayOf(new Date());
  const [choice, setChoice] = useState<RangeChoice>({ preset: 'today', customFrom: today, customTo: today });
  const [status, setStatus] = useState<SaleStatus | ''>('');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const range = useMemo(
    () => presetInstants(choice.preset, new Date(), choice.customFrom, choice.customTo),
    [choice.preset, choice.customFrom, choice.customTo],
  );
  const query = useMemo(
    () => (range ? { ...range, ...(status ? { status } : {}), ...(search ? { search } : {}) } : null),
    [range, status, search],
  );
  const pages = useHistoryPages();
  const summary = summaryReader.useRead(shownAnswer);

  useEffect(() => showHistory(query), [query, revision]);
  useEffect(() => () => showHistory(null), []);

  return (
    <div className="desk history">
      <h2 className="desk__title">History</h2>
      <div className="desk-controls">
        <RangePicker choice={choice} onChange={setChoice} />
        <SelectField<SaleStatus | ''> label="Status" className="field field--compact" value={status} choices={STATUS_CHOICES} onChange={setStatus} />
        <Field label="Search" className="field field--compact field--grow">
          {(id) => (
            <input id={id} type="search" value={searchText} maxLength={100} placeholder="Amount, note, invoice id or sale id" autoComplete="off" onChange={(event) => setSearchText(event.target.value)} />
          )}
        </Field>
      </div>
      {!range ? <p className="error-text">Choose a first and a last day, the first not after the last.</p> : null}
      <div className="desk-controls">
        <CsvExport range={range} />
      </div>
      {summary && !summary.ok ? <p className="error-text">The totals could not be read: {summary.error.message}</p> : null}
      {summary?.ok ? <SummaryLine summary={summary.value} /> : null}
      {pages.error ? (
        <p className="error-text" role="alert">
          The sales could not be read: {pages.error.message}
        </p>
      ) : null}
      <HistoryTable sales={pages.sales} hasMore={pages.next !== null} loading={pages.loading} onLoadMore={loadMoreHistory} />
    </div>
  );
}

function SummaryLine({ summary }: { summary: HistorySummary }) {
  const counted = SALE_STATUSES.filter((status) => summary.counts[status] > 0);
  return (
    <section className="history__summary" aria-label="Totals">
      <p className="history__totals">
        Paid total:{' '}
        {summary.paidTotals.length === 0
          ? 'nothing paid'
          : summary.paidTotals.map((total) => showMoney(total.amountMinor, total.currency)).join(' · ')}
      </p>
      {summary.sandboxPaidCount > 0 ? (
        <p className="history__sandbox">
          {SANDBOX_LABEL}: {summary.sandboxPaidTotals.map((total) => showMoney(total.amountMinor, total.currency)).join(' · ')} (
          {sandboxSalesText(summary.sandboxPaidCount)}, not takings)
        </p>
      ) : null}
      <ul className="history__counts" aria-label="Sales per status">
        {counted.length === 0 ? <li>No sales</li> : null}
        {counted.map((status) => (
          <li key={status} className={`status-word status-word--${status}`}>
            {STATUS_WORD[status]}: {summary.counts[status]}
          </li>
        ))}
      </ul>
    </section>
  );
}
