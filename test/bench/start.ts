// The start on a given data folder, both hosts measured the same way: from spawning the process to the
// first screen answered, median of runs. Browser mode: `node dist/serve.js` (beside the running bench
// bundle) until "Cashier UI" is printed and GET / answered. The desktop app: `node
// dist/bench-electron-start.js`, the lifecycle with the Electron double (electron-start.ts), until its
// register would show the first screen. Every
// run starts on a day whose backup is due (the folder's backups removed first), as the first start of
// a day does; the core's own line says how long each step of its start took.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BACKUP_DIR } from '../../electron/pos/store/backup';
import { freePort } from '../helpers/ports';
import { tempDir } from '../helpers/temp';
import { FIRST_SCREEN_LINE } from './electron-start';
import type { Figures } from './figures';
import { BIG_LEDGER_DAYS, seedBigLedger } from './sales-seed';
import { median, ms } from './stats';

export interface StartFigures {
  readyMs: number;
  /** The core's "start: core started in … ms: ledger … ms, …" line of the median run. */
  coreSteps: string | null;
}

interface Run {
  ms: number;
  coreSteps: string | null;
}

const CORE_STEPS = /start: core started in [^\n]*/;

/** Spawns `args`, waits for `readyLine` on stdout and then `afterReady`; the time from the spawn, and the core's step line. */
async function startOnce(args: string[], readyLine: string, afterReady: () => Promise<void> = async () => {}): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (output += chunk));
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        output += chunk;
        if (out.includes(readyLine)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`)));
    });
    await afterReady();
    return { ms: performance.now() - started, coreSteps: CORE_STEPS.exec(output)?.[0] ?? null };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function medianRun(dataDir: string, runs: number, once: () => Promise<Run>): Promise<StartFigures> {
  const samples: Run[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(dataDir, BACKUP_DIR), { recursive: true, force: true });
    samples.push(await once());
  }
  const readyMs = median(samples.map((run) => run.ms));
  const middle = [...samples].sort((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)];
  return { readyMs, coreSteps: middle?.coreSteps ?? null };
}

/** Browser mode: the cashier UI's first page answered. */
export async function readyMs(dataDir: string, runs = 3): Promise<StartFigures> {
  return medianRun(dataDir, runs, async () => {
    const port = await freePort();
    const serve = join(dirname(process.argv[1] as string), 'serve.js');
    return startOnce([serve, '--data', dataDir, '--port', String(port)], 'Cashier UI:', async () => {
      const page = await fetch(`http://127.0.0.1:${port}/`);
      await page.text();
    });
  });
}

/** The desktop app's lifecycle (with the Electron double): the register's first screen served and its first call answered. */
export async function electronFirstScreenMs(dataDir: string, runs = 3): Promise<StartFigures> {
  const child = join(dirname(process.argv[1] as string), 'bench-electron-start.js');
  return medianRun(dataDir, runs, () => startOnce([child, dataDir], FIRST_SCREEN_LINE));
}

/** Both hosts' start on the data folder, printed with the core's step line, as figures. */
export async function startFigures(dataDir: string): Promise<Figures> {
  const browser = await readyMs(dataDir);
  console.log(`  browser mode on this ledger: ready (first page answered) in ${ms(browser.readyMs)} (median of 3)`);
  if (browser.coreSteps) console.log(`    ${browser.coreSteps}`);
  const electron = await electronFirstScreenMs(dataDir);
  console.log(`  desktop app (lifecycle with the Electron double) on this ledger: first screen in ${ms(electron.readyMs)} (median of 3)`);
  if (electron.coreSteps) console.log(`    ${electron.coreSteps}`);
  return { 'start.readyMs': browser.readyMs, 'start.electronFirstPaintMs': electron.readyMs };
}

/** `--only start`: the big ledger seeded (BENCH_SALES, default 1,000,000), then both hosts' start on it. */
export async function benchStart(sales = Number(process.env.BENCH_SALES ?? 1_000_000)): Promise<Figures> {
  console.log(`\nStart — ${sales.toLocaleString('en-US')} sales over ${BIG_LEDGER_DAYS} days`);
  const dir = tempDir('mitilena-bench-start-');
  const dataDir = join(dir.path, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const { seedSeconds, migrationSeconds } = seedBigLedger(dataDir, sales);
    console.log(`  seeded in ${seedSeconds.toFixed(1)} s, migrated in ${migrationSeconds.toFixed(1)} s`);
    return await startFigures(dataDir);
  } finally {
    rmSync(dir.path, { recursive: true, force: true });
  }
}
