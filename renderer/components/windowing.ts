// Windowing for a list of fixed-height rows inside whatever element scrolls: only the rows in view
// (plus a margin) are in the DOM, so 10,000 loaded sales cost what 30 do.
import { useEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  start: number;
  end: number;
}

/** Rows [start, end) that intersect the viewport, given where the list's top is on screen. */
export function visibleRows(listTopPx: number, viewportHeightPx: number, rowHeightPx: number, count: number, overscan: number): RowWindow {
  const first = Math.floor(-listTopPx / rowHeightPx);
  const last = Math.ceil((viewportHeightPx - listTopPx) / rowHeightPx);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.max(start, Math.min(count, last + overscan));
  return { start, end };
}

const OVERSCAN_ROWS = 10;

export function useRowWindow(list: RefObject<HTMLElement | null>, rowHeightPx: number, count: number): RowWindow {
  const [window_, setWindow] = useState<RowWindow>({ start: 0, end: Math.min(count, 40) });

  useEffect(() => {
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      const element = list.current;
      if (!element) return;
      const next = visibleRows(element.getBoundingClientRect().top, window.innerHeight, rowHeightPx, count, OVERSCAN_ROWS);
      setWindow((known) => (known.start === next.start && known.end === next.end ? known : next));
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    // Capture: the scrolling element may be any ancestor (the stage, or the page on a narrow screen).
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      document.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [list, rowHeightPx, count]);

  return window_;
}
