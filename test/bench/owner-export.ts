// The CSV export measured on its own: in a child process (so its peak RSS, workers included, is the
// export's own) with the longest event-loop stall of its main thread, beside `sqlite3 -csv`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultExportWorkerFile, runCsvExport } from '../../electron/pos/owner/csv-export';
import { EXPORT_SQL } from '../../electron/pos/store/export-rows';

export const EXPORT_CHILD_FLAG = '--owner-export-child';
export const EVERYTHING = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

export interface ChildReport {
  rows: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  longestStallMs: number;
}

/** In a child process, so its peak RSS (maxRSS counts the worker threads too) is the export's own. */
export async function exportChild(databaseFile: string, target: string, parts?: number): Promise<void> {
  // The app exports from a process that has been running: an export of an empty range first compiles
  // this code and starts the worker machinery once, which in a process just started held the loop
  // 25–30 ms on its own (measured), before any sale was read.
  const warmUp = `${databaseFile}.warm-up.csv`;
  await runCsvExport({ databaseFile, from: EVERYTHING.from, to: EVERYTHING.from, bom: false }, { kind: 'file', path: warmUp }, defaultExportWorkerFile(), parts);
  rmSync(warmUp, { force: true });
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
  const out = target === 'stream' ? new Writable({ highWaterMark: 64 * 1024, write: (_chunk, _encoding, done) => setImmediate(done) }) : null;
  const rows = await runCsvExport(job, out ? { kind: 'stream', out } : { kind: 'file', path: target }, defaultExportWorkerFile(), parts);
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

export function runExportChild(databaseFile: string, target: string, parts?: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1] as string, EXPORT_CHILD_FLAG, databaseFile, target, String(parts ?? '')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildReport) : reject(new Error(`export child exited with ${code}`))));
  });
}

/** Seconds `sqlite3 -csv` takes for the same rows, columns and order (raw values: it formats nothing); null without the CLI. */
export function sqliteCliSeconds(databaseFile: string, outFile: string): number | null {
  if (spawnSync('sqlite3', ['-version']).error) return null;
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
