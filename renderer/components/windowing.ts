// Windowing for a long list inside whatever element scrolls: only the rows in view (plus a margin)
// are in the DOM, so 20,000 sales cost what 30 do. Rows are of a fixed height (the owner's history)
// or of heights known before they are drawn (the counter's Today list: one, two or three lines).
import { useEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  start: number;
  end: number;
}

/** Where the rows are: which ones cross a band of the list, and the height of those before and after. */
export interface RowLayout {
  readonly count: number;
  /** Rows [start, end) crossing [topPx, bottomPx), measured from the list's top; none added around. */
  rowsIn(topPx: number, bottomPx: number): RowWindow;
  /** The top of row `index` (index = count: the list's whole height). */
  topOf(index: number): number;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Rows all `rowHeightPx` tall. */
export function fixedRows(count: number, rowHeightPx: number): RowLayout {
  return {
    count,
    rowsIn(topPx, bottomPx) {
      const start = clamp(Math.floor(topPx / rowHeightPx), 0, count);
      return { start, end: clamp(Math.ceil(bottomPx / rowHeightPx), start, count) };
    },
    topOf: (index) => index * rowHeightPx,
  };
}

/** Rows of the heights given, one per row. */
export function sizedRows(heightsPx: ArrayLike<number>): RowLayout {
  const count = heightsPx.length;
  const tops = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) tops[i + 1] = (tops[i] as number) + (heightsPx[i] as number);
  /** The first row whose bottom is below `px` (count when none). */
  const rowAt = (px: number): number => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tops[middle + 1] as number) <= px) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    count,
    rowsIn(topPx, bottomPx) {
      const start = rowAt(topPx);
      return { start, end: bottomPx <= topPx ? start : clamp(rowAt(bottomPx - 0.001) + 1, start, count) };
    },
    topOf: (index) => tops[clamp(index, 0, count)] as number,
  };
}

/** A window widened by `overscan` rows each way, within the list. */
export function withOverscan({ start, end }: RowWindow, overscan: number, count: number): RowWindow {
  return { start: Math.max(0, start - overscan), end: Math.min(count, end + overscan) };
}

/** Rows [start, end) that intersect the viewport, given where the list's top is on screen (fixed heights). */
export function visibleRows(listTopPx: number, viewportHeightPx: number, rowHeightPx: number, count: number, overscan: number): RowWindow {
  return withOverscan(fixedRows(count, rowHeightPx).rowsIn(-listTopPx, viewportHeightPx - listTopPx), overscan, count);
}

const OVERSCAN_ROWS = 10;

/** The part of the window an element can show: the viewport, cut by every ancestor that clips (scrolls). */
function shownBand(element: HTMLElement): { top: number; bottom: number } {
  let top = 0;
  let bottom = window.innerHeight;
  for (let parent = element.parentElement; parent && parent !== document.documentElement && parent !== document.body; parent = parent.parentElement) {
    if (getComputedStyle(parent).overflowY === 'visible') continue;
    const box = parent.getBoundingClientRect();
    top = Math.max(top, box.top + parent.clientTop);
    bottom = Math.min(bottom, box.top + parent.clientTop + parent.clientHeight);
  }
  return { top, bottom: Math.max(top, bottom) };
}

/**
 * The rows to draw. `list` is the element whose top is the top of row 0 (the rows' group, or a
 * spacer drawn before the first row); the list may scroll itself or sit in anything that scrolls.
 */
export function useRowWindow(list: RefObject<HTMLElement | null>, layout: RowLayout): RowWindow {
  const [window_, setWindow] = useState<RowWindow>(() => ({ start: 0, end: Math.min(layout.count, 40) }));

  useEffect(() => {
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      const element = list.current;
      if (!element) return;
      const listTop = element.getBoundingClientRect().top;
      const band = shownBand(element);
      const next = withOverscan(layout.rowsIn(band.top - listTop, band.bottom - listTop), OVERSCAN_ROWS, layout.count);
      setWindow((known) => (known.start === next.start && known.end === next.end ? known : next));
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    // On the next frame, not in this commit: measuring here would force a layout before the commit's
    // own work is done (the Paid screen's commit among them); a frame late, the overscan covers it.
    schedule();
    // Capture: the scrolling element may be any ancestor (the stage, or the page on a narrow screen) or the list itself.
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      document.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [list, layout]);

  // Between a new layout and its measure (a frame at most), never a row past the end.
  return { start: Math.min(window_.start, layout.count), end: Math.min(window_.end, layout.count) };
}
