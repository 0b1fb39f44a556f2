// The day close: pick a day; until it is closed its figures are a preview that follows every change,
// and "Close day" stores its Z-report for good (owner only). A closed day shows its Z-report, and
// every earlier report can be shown and printed again.
import { useEffect, useMemo, useState } from 'react';
import type { DeskScope } from '../../shared/api';
import type { ZReportEntry } from '../../shared/books';
import type { PosError } from '../../shared/result';
import { Field } from '../components/Field';
import { moneyText } from '../desk/BookFiguresView';
import { DayReport } from '../desk/DayPreview';
import { PrintButtons } from '../desk/pdf';
import { dayInstants, localDayOf } from '../desk/ranges';
import { shownAnswer } from '../desk/reader';
import { dayCloseReader } from '../desk/reports';
import { ScopeSwitch } from '../desk/ScopeSwitch';
import { scopeArg, useDeskScope } from '../desk/scope';
import { useDesk } from '../desk/store';
import { showDateTime } from '../desk/time';
import { closeTheDay, zListReader, zReportReader } from '../desk/z-reports';
import { ZReportView } from '../desk/ZReportView';
import { useCounter } from '../store';

const ALL = { all: true } as const;

export function DayClose() {
  const revision = useDesk((state) => state.revision);
  const scope = useDeskScope();
  const [day, setDay] = useState(() => localDayOf(new Date()));
  const range = useMemo(() => dayInstants(day), [day]);
  const list = zListReader.useRead(shownAnswer);
  const entries = list?.ok ? list.value : [];
  const closed = entries.find((entry) => entry.day === day) ?? null;

  useEffect(() => zListReader.show({ ...ALL, ...scopeArg(scope) }), [revision, scope]);
  useEffect(() => () => zListReader.show(null), []);
  // A closed day shows its stored report; an open one its preview.
  useEffect(() => zReportReader.show(closed ? { number: closed.number, ...scopeArg(scope) } : null), [closed?.number, revision, scope]);
  useEffect(() => dayCloseReader.show(closed || !range ? null : { ...range, ...scopeArg(scope) }), [closed, range, revision, scope]);
  useEffect(
    () => () => {
      zReportReader.show(null);
      dayCloseReader.show(null);
    },
    [],
  );

  return (
    <div className="desk day-close">
      <h2 className="desk__title">Day close{scope === 'shop' ? ' — whole shop' : ''}</h2>
      <ScopeSwitch />
      <div className="desk-controls">
        <Field label="Day" className="field field--compact">
          {(id) => <input id={id} type="date" value={day} required onChange={(event) => setDay(event.target.value)} />}
        </Field>
        {!closed ? <PrintButtons part="day-close" suggestedName={`day-close-${day}.pdf`} /> : null}
      </div>
      {!range ? <p className="error-text">Choose a day.</p> : null}
      {closed ? <ClosedDay scope={scope} /> : range ? <OpenDay day={day} scope={scope} /> : null}
      <ReportList entries={entries} onShow={(entry) => setDay(entry.day)} />
    </div>
  );
}

function OpenDay({ day, scope }: { day: string; scope: DeskScope }) {
  const shown = dayCloseReader.useRead(shownAnswer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);

  async function close(): Promise<void> {
    setBusy(true);
    const result = await closeTheDay(day, scope);
    setBusy(false);
    setError(result.ok ? null : result.error);
  }

  return (
    <>
      <div className="z-close">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void close()}>
          {scope === 'shop' ? 'Close the whole shop’s day (Z-report)' : 'Close day (Z-report)'}
        </button>
        <span className="field__hint">Stores this day’s figures for good under the next number. Later changes appear in the next report as adjustments.</span>
        {error ? (
          <p className="error-text" role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
      {!shown ? <p>Reading the day…</p> : null}
      {shown && !shown.ok ? (
        <p className="error-text" role="alert">
          The day close could not be read: {shown.error.message}
        </p>
      ) : null}
      {shown?.ok ? <DayReport report={shown.value} wholeShop={scope === 'shop'} /> : null}
    </>
  );
}

function ClosedDay({ scope }: { scope: DeskScope }) {
  const shown = zReportReader.useRead(shownAnswer);
  const counterShopName = useCounter((state) => state.status?.shopName ?? '');
  const shopName = scope === 'shop' ? `${counterShopName || 'The shop'} (every counter)` : counterShopName;
  if (!shown) return <p>Reading the Z-report…</p>;
  if (!shown.ok) return <p className="error-text" role="alert">The Z-report could not be read: {shown.error.message}</p>;
  return <ZReportView report={shown.value} shopName={shopName} />;
}

function ReportList({ entries, onShow }: { entries: readonly ZReportEntry[]; onShow: (entry: ZReportEntry) => void }) {
  return (
    <section className="z-list" aria-labelledby="z-list-title">
      <h3 id="z-list-title">Z-reports</h3>
      {entries.length === 0 ? <p>No day has been closed yet.</p> : null}
      <ol className="z-list__items">
        {entries.map((entry) => (
          <li key={entry.number}>
            <button type="button" className="link-button" onClick={() => onShow(entry)}>
              No. {entry.number} · {entry.day}
            </button>{' '}
            · net {moneyText(entry.net)} · made {showDateTime(entry.generatedAt)}
          </li>
        ))}
      </ol>
    </section>
  );
}
