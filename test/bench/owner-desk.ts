// The owner's desk on a million sales: history page and day totals query times, and the CSV
// export (rows/s, peak RSS, longest event-loop stall) beside Debian's `sqlite3 -csv` on the same file.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultExportWorkerFile, runCsvExport } from '../../electron/pos/owner/csv-export';
import { EXPORT_SQL } from '../../electron/pos/store/export-rows';
import { dayClose } from '../../electron/pos/owner/day-close';
import { historyPage, historySummary } from '../../electron/pos/owner/history';
import { Ledger } from '../../electron/pos/store/ledger';
import { tempDir } from '../helpers/temp';
import { seedManySales } from './sales-seed';
import { median, ms } from './stats';

export const EXPORT_CHILD_FLAG = '--owner-export-child';
const QUERY_RUNS = 25;
const EXPORT_RUNS = 3;
const END = new Date('2026-11-27T00:00:00.000Z');
const DAYS = 365;
const EVERYTHING = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

interface ChildReport {
  rows: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  longestStallMs: number;
}

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

/** In a child process, so its peak RSS (maxRSS counts the worker threads too) is the export's own. */
export async function exportChild(databaseFile: string, target: string): Promise<void> {
  const startRssMb = process.memoryUsage.rss() / 2 ** 20;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let lastTick = performance.now();
  let longestGap = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - lastTick);
    lastTick = now;
  }, 5);
  delay.enable();
  const job = { databaseFile, ...EVERYTHING, bom: false };
  const started = performance.now();
  const rows =
    target === 'stream'
      ? await runCsvExport(job, { kind: 'stream', out: new Writable({ highWaterMark: 64 * 1024, write: (_chunk, _encoding, done) => setImmediate(done) }) }, defaultExportWorkerFile())
      : await runCsvExport(job, { kind: 'file', path: target }, defaultExportWorkerFile());
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(probe);
  const report: ChildReport = {
    rows,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb,
    // The probe ticks every 5 ms; anything above that is time the loop could not run.
    longestStallMs: Math.max(delay.max / 1e6, longestGap - 5),
  };
  process.stdout.write(JSON.stringify(report));
}

function runChild(databaseFile: string, target: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1] as string, EXPORT_CHILD_FLAG, databaseFile, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildReport) : reject(new Error(`export child exited with ${code}`))));
  });
}

function sqliteCliSeconds(databaseFile: string, outFile: string): number | null {
  if (spawnSync('sqlite3', ['-version']).error) return null;
  // The same rows, columns and order as our export (raw values: the CLI does no formatting).
  const sql = EXPORT_SQL.replace('created_at >= ? AND created_at < ?', `created_at >= '${EVERYTHING.from}' AND created_at < '${EVERYTHING.to}'`).replace(/\s+/g, ' ');
  const fd = openSync(outFile, 'w');
  try {
    const started = performance.now();
    const result = spawnSync('sqlite3', ['-readonly', '-csv', '-header', databaseFile, sql], { stdio: ['ignore', fd, 'inherit'] });
    if (result.status !== 0) throw new Error(`sqlite3 exited with ${result.status}`);
    return (performance.now() - started) / 1000;
  } finally {
    closeSync(fd);
  }
}

const mb = (value: number): string => `${value.toFixed(0)} MB`;
const perSecond = (rows: number, seconds: number): string => `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`;

export async function benchOwnerDesk(sales = Number(process.env.BENCH_SALES ?? 1_000_000)): Promise<void> {
  console.log(`\nOwner's desk — ${sales.toLocaleString('en-US')} sales over ${DAYS} days (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB)`);
  const dir = tempDir('mitilena-bench-owner-');
  const file = join(dir.path, 'ledger.sqlite3');
  try {
    Ledger.open(file).close();
    const started = performance.now();
    seedManySales(file, sales, END, DAYS);
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s, file ${mb(statSync(file).size / 2 ** 20)}`);

    const db = Ledger.open(file);
    const day = { from: '2026-11-25T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z' };
    const month = { from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' };
    const dayRows = Object.values(db.statusCounts(day)).reduce((sum, n) => sum + n, 0);
    console.log(`  (a day holds ${dayRows.toLocaleString('en-US')} sales; medians of ${QUERY_RUNS} runs)`);
    const first = historyPage(db, { ...month, limit: 100 });
    const rows: [string, () => unknown][] = [
      ['history page, 100 rows, a day', () => historyPage(db, { ...day, limit: 100 })],
      ['history page, 100 rows, a month, next page', () => historyPage(db, { ...month, limit: 100, ...(first.next ? { before: first.next } : {}) })],
      ['history page, 100 rows, a month, status paid', () => historyPage(db, { ...month, status: 'paid', limit: 100 })],
      ['history page, 100 rows, a month, search "espresso"', () => historyPage(db, { ...month, search: 'espresso', limit: 100 })],
      ['history page, a day, search amount "12.50"', () => historyPage(db, { ...day, search: '12.50', limit: 100 })],
      ['history summary (counts + paid totals), a day', () => historySummary(db, day)],
      ['history summary (counts + paid totals), a month', () => historySummary(db, month)],
      ['day totals (dayClose), a day', () => dayClose(db, day)],
    ];
    for (const [label, run] of rows) console.log(`  ${label.padEnd(52)} ${ms(timeMedian(run)).padStart(10)}`);
    db.close();

    const reports: Record<string, ChildReport[]> = { file: [], stream: [] };
    const outFile = join(dir.path, 'export.csv');
    for (let i = 0; i < EXPORT_RUNS; i++) {
      reports.file?.push(await runChild(file, outFile));
      reports.stream?.push(await runChild(file, 'stream'));
    }
    const csvBytes = statSync(outFile).size;
    for (const [mode, label] of [['file', 'CSV export to a file (Electron save dialog)'], ['stream', 'CSV export streamed (browser-mode download)']] as const) {
      const list = reports[mode] ?? [];
      const seconds = median(list.map((report) => report.seconds));
      console.log(`  ${label}`);
      console.log(`    ${(list[0]?.rows ?? 0).toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s = ${perSecond(list[0]?.rows ?? 0, seconds)}`);
      console.log(`    peak RSS ${mb(median(list.map((report) => report.peakRssMb)))} (process at start ${mb(median(list.map((report) => report.startRssMb)))}); longest event-loop stall ${ms(median(list.map((report) => report.longestStallMs)))}`);
    }
    console.log(`    file size ${mb(csvBytes / 2 ** 20)}`);

    const cliRuns: number[] = [];
    for (let i = 0; i < EXPORT_RUNS; i++) {
      const seconds = sqliteCliSeconds(file, join(dir.path, 'cli.csv'));
      if (seconds === null) break;
      cliRuns.push(seconds);
    }
    if (cliRuns.length === 0) console.log('  sqlite3 CLI not installed (apt-get install sqlite3) — no comparison');
    else {
      const theirs = median(cliRuns);
      const ours = median((reports.file ?? []).map((report) => report.seconds));
      const version = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
      console.log(`  sqlite3 ${version} -csv, same query and file: ${theirs.toFixed(2)} s = ${perSecond(reports.file?.[0]?.rows ?? 0, theirs)}`);
      console.log(`    ratio ours/theirs (time): ${(ours / theirs).toFixed(2)}×`);
    }
  } finally {
    rmSync(dir.path, { recursive: true, force: true });
  }
}
