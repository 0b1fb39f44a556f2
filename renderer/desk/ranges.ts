// Date ranges for the owner's desk, computed from local calendar fields (so a DST day is 23 or 25 h
// long) and sent to the core as ISO instants: [from, to).
export const RANGE_PRESETS = ['today', 'yesterday', 'week', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_PRESET_LABEL: Readonly<Record<RangePreset, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'This week',
  month: 'This month',
  custom: 'Custom',
};

export interface InstantRange {
  from: string;
  to: string;
}

const localMidnight = (year: number, month: number, day: number): string => new Date(year, month, day).toISOString();

/** A local calendar day ("2026-11-26") as a Date at its local midnight, or null when unreadable. */
export function parseLocalDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) || date.getDate() !== Number(match[3]) ? null : date;
}

/** The local calendar day of a moment, as a date input holds it ("2026-11-26"). */
export function localDayOf(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** [local midnight of `day`, local midnight of the next day), or null when the day is unreadable. */
export function dayInstants(day: string): InstantRange | null {
  const start = parseLocalDay(day);
  if (!start) return null;
  return {
    from: localMidnight(start.getFullYear(), start.getMonth(), start.getDate()),
    to: localMidnight(start.getFullYear(), start.getMonth(), start.getDate() + 1),
  };
}

/**
 * The instants of a preset at `now`. A week starts on Monday. Custom covers `customFrom` to the end
 * of `customTo` (both local days, inclusive); null when those are missing or in the wrong order.
 */
export function presetInstants(preset: RangePreset, now: Date, customFrom = '', customTo = ''): InstantRange | null {
  const year = now.getFullYear();
  const month = now.getMonth();
  const day = now.getDate();
  switch (preset) {
    case 'today':
      return { from: localMidnight(year, month, day), to: localMidnight(year, month, day + 1) };
    case 'yesterday':
      return { from: localMidnight(year, month, day - 1), to: localMidnight(year, month, day) };
    case 'week': {
      const sinceMonday = (now.getDay() + 6) % 7;
      return { from: localMidnight(year, month, day - sinceMonday), to: localMidnight(year, month, day - sinceMonday + 7) };
    }
    case 'month':
      return { from: localMidnight(year, month, 1), to: localMidnight(year, month + 1, 1) };
    case 'custom': {
      const first = dayInstants(customFrom);
      const last = dayInstants(customTo);
      if (!first || !last || Date.parse(first.from) > Date.parse(last.from)) return null;
      return { from: first.from, to: last.to };
    }
  }
}
