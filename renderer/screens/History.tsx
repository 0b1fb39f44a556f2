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
import { ScopeSwitch } from '../desk/ScopeSwitch';
import { useDeskScope } from '../desk/scope';
import { useDesk } from '../desk/store';
import { SANDBOX_LABEL, sandboxSalesText, showMoney, STATUS_WORD } from '../format';

const SEARCH_DEBOUNCE_MS = 300;
const STATUS_CHOICES = [{ value: '' as const, text: 'All' }, ...SALE_STATUSES.map((value) => ({ value, text: STATUS_WORD[value] }))];

export function History() {
  const revision = useDesk((state) => state.revision);
  const scope = useDeskScope();
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
    () => (range ? { ...range, ...(status ? { status } : {}), ...(search ? { search } : {}), scope } : null),
    [range, status, search, scope],
  );
  const pages = useHistoryPages();
  const summary = summaryReader.useRead(shownAnswer);

  useEffect(() => showHistory(query), [query, revision]);
  useEffect(() => () => showHistory(null), []);

  return (
    <div className="desk history">
      <h2 className="desk__title">History</h2>
      <ScopeSwitch />
      <div className="desk-controls">
        <RangePicker choice={choice} onChange={setChoice} />
        <SelectField<SaleStatus | ''> label="Status" className="field field--compact" value={status} choices={STATUS_CHOICES} onChange={setStatus} />
        <Field label="Search" className="field field--compact field--grow">
          {(id) => (
            <input id={id} type="search" value={searchText} maxLength={100} placeholder="Amount, note, cashier, invoice id or sale id" autoComplete="off" onChange={(event) => setSearchText(event.target.value)} />
          )}
        </Field>
      </div>
      {!range ? <p className="error-text">Choose a first and a last day, the first not after the last.</p> : null}
      <div className="desk-controls">
        <CsvExport range={range} scope={scope} />
      </div>
      {summary && !summary.ok ? <p className="error-text">The totals could not be read: {summary.error.message}</p> : null}
      {summary?.ok ? <SummaryLine summary={summary.value} status={status} search={search} /> : null}
      {pages.error ? (
        <p className="error-text" role="alert">
          The sales could not be read: {pages.error.message}
        </p>
      ) : null}
      <HistoryTable sales={pages.sales} hasMore={pages.next !== null} loading={pages.loading} onLoadMore={loadMoreHistory} />
    </div>
  );
}

const moneyList = (totals: readonly { currency: string; amountMinor: number }[]): string => totals.map((total) => showMoney(total.amountMinor, total.currency)).join(' · ');

/** What the figures count: the sales on the list (every filter), in words. */
function selectionText(count: number, status: SaleStatus | '', search: string): string {
  const what = [`${count} sale${count === 1 ? '' : 's'}`, status ? STATUS_WORD[status] : 'all statuses', ...(search ? [`matching “${search}”`] : [])];
  return what.join(' · ');
}

function SummaryLine({ summary, status, search }: { summary: HistorySummary; status: SaleStatus | ''; search: string }) {
  const counted = SALE_STATUSES.filter((name) => summary.counts[name] > 0);
  return (
    <section className="history__summary" aria-label="Totals">
      <p className="history__selection">
        {selectionText(summary.count, status, search)}
        {summary.amountTotals.length > 0 ? ` · Amount: ${moneyList(summary.amountTotals)}` : ''}
        {summary.sandboxCount > 0 ? ` (${summary.sandboxCount} in the sandbox)` : ''}
      </p>
      <p className="history__totals">Paid total: {summary.paidCount === 0 ? 'nothing paid' : moneyList(summary.paidTotals) || '0'}</p>
      {summary.paidCount > 0 ? (
        <p className="history__paid-note">
          {summary.paidCount} paid live sale{summary.paidCount === 1 ? '' : 's'}
          {summary.refundTotals.length > 0 ? `, net of refunds of ${moneyList(summary.refundTotals)}` : ''}
        </p>
      ) : null}
      {summary.sandboxPaidCount > 0 ? (
        <p className="history__sandbox">
          {SANDBOX_LABEL}: {moneyList(summary.sandboxPaidTotals)} ({sandboxSalesText(summary.sandboxPaidCount)}, not takings)
        </p>
      ) : null}
      <ul className="history__counts" aria-label="Sales per status">
        {counted.length === 0 ? <li>No sales</li> : null}
        {counted.map((name) => (
          <li key={name} className={`status-word status-word--${name}`}>
            {STATUS_WORD[name]}: {summary.counts[name]}
          </li>
        ))}
      </ul>
    </section>
  );
}
