// The owner's desk on a million sales: history page, totals and day close query times (each one is
// what the main loop waits), the migration's backfill, a backup's longest stall, browser mode's start
// on that ledger, and the CSV export (rows/s, peak RSS, longest stall) beside `sqlite3 -csv`.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dayClose } from '../../electron/pos/owner/day-close';
import { historyPage, historySummary } from '../../electron/pos/owner/history';
import { backupNow } from '../../electron/pos/store/backup';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import { tempDir } from '../helpers/temp';
import type { Figures } from './figures';
import { runExportChild, sqliteCliSeconds, type ChildReport } from './owner-export';
import { BIG_LEDGER_DAYS, seedBigLedger } from './sales-seed';
import { startFigures } from './start';
import { median, ms } from './stats';

export { EXPORT_CHILD_FLAG, exportChild } from './owner-export';

const QUERY_RUNS = 25;
const EXPORT_RUNS = 3;
/** Local ranges of a shop at UTC+1: a day, a month, a year. */
const DAY = { from: '2026-11-25T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z' };
const MONTH = { from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' };
const YEAR = { from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' };

function timeMedian(run: () => unknown, runs = QUERY_RUNS): number {
  run(); // warm the page cache and the statement
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const mb = (value: number): string => `${value.toFixed(0)} MB`;
const perSecond = (rows: number, seconds: number): string => `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`;

function queryFigures(file: string): Figures {
  const db = Ledger.open(file);
  try {
    const dayRows = Object.values(db.statusCounts(DAY)).reduce((sum, n) => sum + n, 0);
    console.log(`  (a day holds ${dayRows.toLocaleString('en-US')} sales; medians of ${QUERY_RUNS} runs)`);
    const first = historyPage(db, { ...MONTH, limit: 100 });
    const rows: [string, string | null, () => unknown][] = [
      ['history page, 100 rows, a day', null, () => historyPage(db, { ...DAY, limit: 100 })],
      ['history page, 100 rows, a month, next page', null, () => historyPage(db, { ...MONTH, limit: 100, ...(first.next ? { before: first.next } : {}) })],
      ['history page, 100 rows, a month, status paid', null, () => historyPage(db, { ...MONTH, status: 'paid', limit: 100 })],
      ['history page, 100 rows, a month, search "espresso"', null, () => historyPage(db, { ...MONTH, search: 'espresso', limit: 100 })],
      ['history page, a day, search amount "12.50"', null, () => historyPage(db, { ...DAY, search: '12.50', limit: 100 })],
      ['history summary (counts + paid totals), a day', 'history.daySummaryMs', () => historySummary(db, DAY)],
      ['history summary (counts + paid totals), a month', 'history.monthSummaryMs', () => historySummary(db, MONTH)],
      ['history summary (counts + paid totals), a year', 'history.yearSummaryMs', () => historySummary(db, YEAR)],
      ['day totals (dayClose), a day', 'dayClose.dayMs', () => dayClose(db, DAY)],
      ['day totals (dayClose), a month', 'dayClose.monthMs', () => dayClose(db, MONTH)],
    ];
    const figures: Figures = {};
    for (const [label, key, run] of rows) {
      const value = timeMedian(run);
      if (key) figures[key] = value;
      console.log(`  ${label.padEnd(52)} ${ms(value).padStart(10)}`);
    }
    return figures;
  } finally {
    db.close();
  }
}

/** A backup of the whole ledger on this loop (SQLite's online backup, in steps), and its longest stall. */
async function backupStall(file: string, dataDir: string): Promise<number> {
  const db = Ledger.open(file);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    const started = performance.now();
    const taken = await backupNow(db, dataDir, new Date());
    console.log(`  backup of the ledger: ${((performance.now() - started) / 1000).toFixed(1)} s, longest event-loop stall ${ms(delay.max / 1e6)}`);
    rmSync(taken.file, { force: true });
    return delay.max / 1e6;
  } finally {
    delay.disable();
    db.close();
  }
}

async function exportFigures(file: string, dir: string): Promise<Figures> {
  const reports: Record<'file' | 'stream', ChildReport[]> = { file: [], stream: [] };
  const outFile = join(dir, 'export.csv');
  for (let i = 0; i < EXPORT_RUNS; i++) {
    reports.file.push(await runExportChild(file, outFile));
    reports.stream.push(await runExportChild(file, 'stream'));
  }
  const csvBytes = statSync(outFile).size;
  rmSync(outFile, { force: true });
  const rows = reports.file[0]?.rows ?? 0;
  const seconds = { file: median(reports.file.map((r) => r.seconds)), stream: median(reports.stream.map((r) => r.seconds)) };
  for (const [mode, label] of [['file', 'CSV export to a file (Electron save dialog)'], ['stream', 'CSV export streamed (browser-mode download)']] as const) {
    const list = reports[mode];
    console.log(`  ${label}`);
    console.log(`    ${rows.toLocaleString('en-US')} rows in ${seconds[mode].toFixed(2)} s = ${perSecond(rows, seconds[mode])}`);
    console.log(`    peak RSS ${mb(median(list.map((r) => r.peakRssMb)))} (process at start ${mb(median(list.map((r) => r.startRssMb)))}); longest event-loop stall ${ms(median(list.map((r) => r.longestStallMs)))}`);
  }
  console.log(`    file size ${mb(csvBytes / 2 ** 20)}`);
  const all = [...reports.file, ...reports.stream];
  const figures: Figures = {
    'csvExport.rowsPerSecond': rows / seconds.file,
    'csvExport.streamRowsPerSecond': rows / seconds.stream,
    'csvExport.maxStallMs': Math.max(median(reports.file.map((r) => r.longestStallMs)), median(reports.stream.map((r) => r.longestStallMs))),
    'rss.exportPeakMb': Math.max(...all.map((r) => r.peakRssMb)),
  };
  const cliRuns: number[] = [];
  for (let i = 0; i < EXPORT_RUNS; i++) {
    const cli = sqliteCliSeconds(file, join(dir, 'cli.csv'));
    if (cli === null) break;
    cliRuns.push(cli);
  }
  rmSync(join(dir, 'cli.csv'), { force: true });
  if (cliRuns.length === 0) console.log('  sqlite3 CLI not installed (apt-get install sqlite3) — no comparison');
  else {
    const theirs = median(cliRuns);
    console.log(`  sqlite3 -csv, same query and file: ${theirs.toFixed(2)} s = ${perSecond(rows, theirs)}; ratio ours/theirs (time): ${(seconds.file / theirs).toFixed(2)}×`);
    Object.assign(figures, { 'csvExport.sqlite3RowsPerSecond': rows / theirs, 'csvExport.ratioVsSqlite3': seconds.file / theirs });
  }
  return figures;
}

export async function benchOwnerDesk(sales = Number(process.env.BENCH_SALES ?? 1_000_000)): Promise<Figures> {
  console.log(`\nOwner's desk — ${sales.toLocaleString('en-US')} sales over ${BIG_LEDGER_DAYS} days (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB)`);
  const dir = tempDir('mitilena-bench-owner-');
  const dataDir = join(dir.path, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DATABASE_FILE);
  try {
    // Seeded at schema 0120, then opened by the app: migration 0130 backfills the totals (and 0140 builds two indexes), timed.
    const { seedSeconds, migrationSeconds } = seedBigLedger(dataDir, sales);
    console.log(`  seeded in ${seedSeconds.toFixed(1)} s, file ${mb(statSync(file).size / 2 ** 20)}`);
    console.log(`  migrations 0130 (totals backfilled from every sale) and 0140 (the start's indexes) in ${migrationSeconds.toFixed(1)} s`);
    const figures: Figures = { 'migration0130.seconds': migrationSeconds, ...queryFigures(file) };
    figures['backup.maxStallMs'] = await backupStall(file, join(dir.path, 'backup-bench'));
    Object.assign(figures, await startFigures(dataDir));
    return { ...figures, ...(await exportFigures(file, dir.path)) };
  } finally {
    rmSync(dir.path, { recursive: true, force: true });
  }
}
