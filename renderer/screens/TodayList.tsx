// Today's sales as a windowed list (issue 14): a day of 20,000 sales keeps only the rows in view in
// the page. A row is one, two or three lines (the amount, "completes an earlier sale", the note);
// their heights are measured once on rows drawn out of sight with the same styles, so the list is as
// tall as it always was and scrolls without jumps. A row that turns out another height (a note in a
// script or emoji of a taller font) is reported where it is drawn and kept at its own height.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Sale } from '../../shared/sale';
import { sizedRows, useRowWindow } from '../components/windowing';
import { showClock, showMoney, statusWord } from '../format';
import { useT } from '../i18n/locale';

type Lines = 1 | 2 | 3;

const linesOf = (sale: Sale): Lines => (1 + (sale.linkedSaleId ? 1 : 0) + (sale.note ? 1 : 0)) as Lines;

/** Close to the rows' heights on a desktop before the first measure (the layout effect measures before paint). */
const GUESSED_HEIGHTS_PX: readonly number[] = [38, 55, 72];

interface TodayListProps {
  sales: readonly Sale[];
  currentSaleId: string | null;
}

export function TodayList({ sales, currentSaleId }: TodayListProps) {
  const shapes = useShapeHeights();
  const list = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLLIElement>(null);
  // Rows measured at a height other than their shape's, by sale id.
  const [ownHeights, setOwnHeights] = useState<ReadonlyMap<string, number>>(() => new Map());
  const layout = useMemo(() => sizedRows(sales.map((sale) => ownHeights.get(sale.id) ?? (shapes.heights[linesOf(sale) - 1] as number))), [sales, shapes, ownHeights]);
  const { start, end } = useRowWindow(top, layout);

  // Rows drawn are watched for their height: a ResizeObserver reports after the browser's own layout,
  // so a commit (the Paid screen's among them) never waits for a layout forced here.
  const expected = useRef({ ownHeights, shapes });
  useLayoutEffect(() => {
    expected.current = { ownHeights, shapes };
  });
  const watcher = useMemo(() => {
    if (typeof ResizeObserver === 'undefined') return null;
    return new ResizeObserver((entries) => {
      const { ownHeights: known, shapes: now } = expected.current;
      let changed: Map<string, number> | null = null;
      for (const entry of entries) {
        const row = entry.target as HTMLLIElement;
        const id = row.dataset.sale;
        const height = entry.borderBoxSize[0]?.blockSize;
        if (!id || height === undefined || !row.isConnected) continue;
        if (Math.abs(height - (known.get(id) ?? (now.heights[Number(row.dataset.lines) - 1] as number))) < 0.01) continue;
        changed ??= new Map(known);
        changed.set(id, height);
      }
      if (changed) setOwnHeights(changed);
    });
  }, []);
  useEffect(() => {
    if (!watcher) return;
    for (const row of list.current?.querySelectorAll<HTMLLIElement>('li[data-sale]') ?? []) watcher.observe(row);
    return () => watcher.disconnect();
  });
  // New shape heights (a zoom, fonts loaded): every row is measured anew as it is drawn.
  useLayoutEffect(() => setOwnHeights((known) => (known.size === 0 ? known : new Map())), [shapes]);

  return (
    <>
      <div className="today__probe" aria-hidden="true" ref={shapes.probe}>
        {[1, 2, 3].map((lines) => (
          <div key={lines} className="sale-row">
            <span className="sale-row__time">00:00</span>
            <span className="sale-row__sale">
              <span className="sale-row__amount">0</span>
              {lines > 1 ? <span className="sale-row__note">·</span> : null}
              {lines > 2 ? <span className="sale-row__note">·</span> : null}
            </span>
            <span className="status-word">·</span>
          </div>
        ))}
      </div>
      <ol className="today__list" aria-labelledby="today-heading" tabIndex={0} ref={list}>
        <li className="today__spacer" aria-hidden="true" ref={top} style={{ height: layout.topOf(start) }} />
        {sales.slice(start, end).map((sale, offset) => (
          <SaleRow key={sale.id} sale={sale} current={sale.id === currentSaleId} position={start + offset + 1} of={sales.length} />
        ))}
        <li className="today__spacer" aria-hidden="true" style={{ height: layout.topOf(sales.length) - layout.topOf(end) }} />
      </ol>
    </>
  );
}

/** Memoised: a sale paid at the top must not re-render the other rows in view. */
const SaleRow = memo(function SaleRow({ sale, current, position, of }: { sale: Sale; current: boolean; position: number; of: number }) {
  const t = useT();
  return (
    // The list holds a window of the day: each row says where it is in the whole list.
    <li className={current ? 'sale-row is-current' : 'sale-row'} aria-posinset={position} aria-setsize={of} data-sale={sale.id} data-lines={linesOf(sale)}>
      <span className="sale-row__time">{showClock(sale.createdAt)}</span>
      <span className="sale-row__sale">
        <span className="sale-row__amount">{showMoney(sale.amountMinor, sale.currency)}</span>
        {sale.linkedSaleId ? <span className="sale-row__note">↳ {t('today.linked')}</span> : null}
        {sale.note ? (
          <span className="sale-row__note" title={sale.note}>
            {sale.note}
          </span>
        ) : null}
      </span>
      <span className={`status-word status-word--${sale.status}`}>{statusWord(sale.status)}</span>
    </li>
  );
});

/** The heights of a one-, two- and three-line row, measured on the probe and again whenever it resizes. */
function useShapeHeights(): { probe: RefObject<HTMLDivElement | null>; heights: readonly number[] } {
  const probe = useRef<HTMLDivElement>(null);
  const [heights, setHeights] = useState<readonly number[]>(GUESSED_HEIGHTS_PX);
  useLayoutEffect(() => {
    const element = probe.current;
    if (!element) return;
    const measure = (): void => {
      const next = [...element.children].map((row) => row.getBoundingClientRect().height);
      if (next.length !== 3 || next.some((height) => !(height > 0))) return;
      setHeights((known) => (known.every((height, index) => height === next[index]) ? known : next));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return useMemo(() => ({ probe, heights }), [heights]);
}
