// The bench's record: each figure under a dotted key, printed beside its budget (DESIGN.md) and
// written as JSON with `--json FILE`. Nothing here is asserted anywhere.
import { writeFileSync } from 'node:fs';

export type Figures = Record<string, number | null>;

interface Budget {
  key: string;
  label: string;
  unit: 'ms' | 'rows/s' | '×' | 'MB';
  budget: string;
  /** Whether the figure meets the budget; absent when the budget is a goal in words. */
  meets?: (value: number) => boolean;
}

export const BUDGETS: readonly Budget[] = [
  { key: 'notice.p99Ms', label: 'notice → committed → sale-updated, p99 (in process)', unit: 'ms', budget: '< 5 ms', meets: (v) => v < 5 },
  { key: 'notice.paidOnScreenP50Ms', label: 'notice → "Paid" on screen in Chromium, p50', unit: 'ms', budget: '—' },
  { key: 'notice.paidOnScreenP95Ms', label: 'notice → "Paid" on screen in Chromium, p95', unit: 'ms', budget: '< 20 ms', meets: (v) => v < 20 },
  { key: 'history.daySummaryMs', label: 'history totals, a day', unit: 'ms', budget: '< 2 ms', meets: (v) => v < 2 },
  { key: 'history.monthSummaryMs', label: 'history totals, a month', unit: 'ms', budget: '< 2 ms', meets: (v) => v < 2 },
  { key: 'history.yearSummaryMs', label: 'history totals, a year', unit: 'ms', budget: '< 2 ms', meets: (v) => v < 2 },
  { key: 'dayClose.dayMs', label: 'day close, a day', unit: 'ms', budget: '< 2 ms', meets: (v) => v < 2 },
  { key: 'dayClose.monthMs', label: 'day close, a month', unit: 'ms', budget: '< 5 ms', meets: (v) => v < 5 },
  { key: 'csvExport.rowsPerSecond', label: 'CSV export to a file', unit: 'rows/s', budget: '≥ 300,000 rows/s', meets: (v) => v >= 300_000 },
  { key: 'csvExport.streamRowsPerSecond', label: 'CSV export streamed (download)', unit: 'rows/s', budget: '≥ 300,000 rows/s', meets: (v) => v >= 300_000 },
  { key: 'csvExport.sqlite3RowsPerSecond', label: '`sqlite3 -csv`, same query and file', unit: 'rows/s', budget: '(the floor)' },
  { key: 'csvExport.ratioVsSqlite3', label: 'export time ours / sqlite3', unit: '×', budget: '≤ 2×', meets: (v) => v <= 2 },
  { key: 'csvExport.maxStallMs', label: 'longest event-loop stall during an export', unit: 'ms', budget: '< 20 ms', meets: (v) => v < 20 },
  { key: 'rss.exportPeakMb', label: 'peak RSS during an export (workers included)', unit: 'MB', budget: '< 200 MB', meets: (v) => v < 200 },
  { key: 'backup.maxStallMs', label: 'longest event-loop stall during a backup', unit: 'ms', budget: '< 20 ms', meets: (v) => v < 20 },
  { key: 'migration0130.seconds', label: 'migration 0130 backfill (one time)', unit: 'ms', budget: '—' },
  { key: 'start.readyMs', label: 'browser mode ready on the big ledger', unit: 'ms', budget: '< 1,500 ms', meets: (v) => v < 1_500 },
  { key: 'start.electronFirstPaintMs', label: 'desktop app first screen on the big ledger (Electron double)', unit: 'ms', budget: '< 1,500 ms', meets: (v) => v < 1_500 },
  { key: 'soak.rssGrowthMb', label: 'core RSS growth over the soak after its warm-up (page open)', unit: 'MB', budget: '± 20 MB', meets: (v) => Math.abs(v) <= 20 },
];

function shown(value: number | null | undefined, unit: Budget['unit']): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'rows/s') return `${Math.round(value).toLocaleString('en-US')} rows/s`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return `${value.toFixed(2)} ms`;
}

/** The table of every figure measured in this run beside its budget. */
export function printBudgetTable(figures: Figures): void {
  console.log('\n| figure | measured | budget | |\n|---|---|---|---|');
  for (const budget of BUDGETS) {
    if (!(budget.key in figures)) continue;
    const value = figures[budget.key];
    const verdict = value === null || value === undefined || !budget.meets ? '' : budget.meets(value) ? 'meets' : 'misses';
    const unit = budget.key === 'migration0130.seconds' ? 'ms' : budget.unit;
    const text = budget.key === 'migration0130.seconds' && typeof value === 'number' ? `${value.toFixed(1)} s` : shown(value, unit);
    console.log(`| ${budget.label} | ${text} | ${budget.budget} | ${verdict} |`);
  }
}

/** { "csvExport.rowsPerSecond": 1 } → { csvExport: { rowsPerSecond: 1 } }, written to `file`. */
export function writeFiguresJson(file: string, figures: Figures, about: Record<string, unknown>): void {
  const nested: Record<string, Record<string, number | null>> = {};
  for (const [key, value] of Object.entries(figures)) {
    const [group, name] = key.split('.') as [string, string];
    nested[group] = { ...nested[group], [name]: value === undefined || Number.isNaN(value) ? null : value };
  }
  writeFileSync(file, `${JSON.stringify({ ...about, ...nested }, null, 2)}\n`);
}
