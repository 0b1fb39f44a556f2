// The start's work that grows with the ledger, run in the background once the host's first screen
// can be served (the host says when), so a big ledger never holds the first screen back:
//   1. the expiry sweep of the sales whose invoice ran out while the app was closed, in batches of
//      one transaction each, the loop handed back between them; then every 15 s the same sweep;
//   2. the chain's recovery pass (after the sweep: the sales that just expired are looked for too);
//   3. the day's backup (SQLite's online backup, in steps), a few seconds later still: it reads the
//      whole ledger, and the first screen's page, script and first answers should not queue behind it.
// Nothing here decides how a notice is judged: a notice for a sale the sweep has not reached yet is
// judged late by its invoice's expiry time, exactly as after the sweep, and the sweep moves only sales
// still pending (webhook/judge.ts, sales/service.ts).
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import { StartClock, type StartStep } from './start-clock';
import type { BackupInfo, BackupSchedule } from './store/backup';

export const EXPIRY_SWEEP_INTERVAL_MS = 15_000;
/** How long after the sweep the day's backup waits: the first screen's loading is done by then. */
export const BACKUP_AFTER_FIRST_SCREEN_MS = 5_000;

export interface StartWorkOptions {
  /** The work waits for this: the host's first screen can be served. Without it, the work begins on the next turn. */
  after?: PromiseLike<unknown>;
  /** Between two batches of the sweep (default: the next turn of the loop); tests hold the sweep here. */
  betweenBatches?: () => Promise<unknown>;
  /** How long the backup waits after the sweep (default BACKUP_AFTER_FIRST_SCREEN_MS). */
  backupDelayMs?: number;
}

export interface StartWorkReport {
  /** Sales the first sweep expired. */
  expired: number;
  /** The backup taken, or null (a recent one exists, it failed, or the core closed first). */
  backup: BackupInfo | null;
  /** How long each step took, in order. */
  steps: readonly StartStep[];
  /** False when the core closed before the work was done. */
  completed: boolean;
}

export interface StartWorkDeps {
  options?: StartWorkOptions;
  /** Expires every due sale, a batch at a time, `between` batches, until done or `stopped`. */
  expireAllDue: (between: () => Promise<unknown>, stopped: () => boolean) => Promise<number>;
  /** After the first sweep: what it changed is announced, and the chain's recovery begins. */
  afterSweep: (expired: number) => void;
  backups: () => BackupSchedule;
  log: (line: string) => void;
  /** A monotonic clock in milliseconds, for the log line (default performance.now). */
  elapsedMs?: () => number;
}

export interface StartWork {
  /** Settles (never rejects) when the work is done or the core closed. */
  readonly done: Promise<StartWorkReport>;
  /** Stops the sweeps and the backups; waits for a batch or a backup in progress. */
  stop(): Promise<void>;
}

export function runStartWork(deps: StartWorkDeps): StartWork {
  const { options = {}, log } = deps;
  const between = options.betweenBatches ?? (() => yieldToLoop());
  let closed = false;
  let signalClosed = (): void => {};
  const closing = new Promise<void>((resolve) => {
    signalClosed = resolve;
  });
  let sweeping: Promise<unknown> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let schedule: BackupSchedule | null = null;
  const stopped = (): boolean => closed;

  const sweep = (): Promise<number> => {
    const run = deps.expireAllDue(between, stopped).finally(() => {
      sweeping = null;
    });
    sweeping = run;
    return run;
  };

  const work = async (): Promise<StartWorkReport> => {
    const report: StartWorkReport = { expired: 0, backup: null, steps: [], completed: false };
    // A host whose first screen failed still gets its work done (or its close ends the wait).
    await Promise.race([Promise.resolve(options.after).then(noop, noop), closing]);
    await yieldToLoop();
    if (closed) return report;
    const clock = new StartClock(deps.elapsedMs);
    report.steps = clock.list();
    try {
      // A first sweep that fails (a full disk, the ledger busy) is said, and everything after it still
      // starts: the timer's sweeps try again, recovery and the backups are not given up with it.
      report.expired = await sweep().catch((error: unknown) => {
        log(`sales: the first expiry sweep failed: ${messageOf(error)}`);
        return 0;
      });
      clock.mark(`expiry sweep (${report.expired} expired)`);
      if (closed) return report;
      timer = setInterval(() => {
        if (!sweeping && !closed) void sweep().catch((error: unknown) => log(`sales: the expiry sweep failed: ${messageOf(error)}`));
      }, EXPIRY_SWEEP_INTERVAL_MS);
      timer.unref();
      deps.afterSweep(report.expired);
      clock.mark('chain recovery begun');
      await Promise.race([sleep(options.backupDelayMs ?? BACKUP_AFTER_FIRST_SCREEN_MS, undefined, { ref: false }), closing]);
      clock.mark('wait before the backup');
      if (closed) return report;
      schedule = deps.backups();
      report.backup = await schedule.first;
      clock.mark(report.backup ? 'backup' : 'backup (none due)');
      report.completed = !closed;
      log(clock.line('start: work after the first screen done'));
    } catch (error) {
      // The ledger closing under it, or a bug: said, and the app goes on (the timer's sweeps, once started, go on).
      log(`start: the work after the first screen stopped: ${messageOf(error)}`);
    }
    return report;
  };

  const done = work();
  return {
    done,
    async stop() {
      closed = true;
      signalClosed();
      if (timer) clearInterval(timer);
      await done;
      await sweeping?.catch(noop);
      await schedule?.stop();
    },
  };
}

function noop(): void {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
