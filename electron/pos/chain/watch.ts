// The blockchain as a second opinion and a safety net, wired to the ledger: paid notices that name a
// transaction are checked (notice-checks.ts), and pending or expired sales whose notice never came are
// looked for on the chain at start, when notices can reach the counter again, on a timer and when the
// explorer settings change (recovered-payments.ts). This file keeps the readers and the schedule.
import type { Blockchain } from '../../../shared/mitilena';
import type { Sale } from '../../../shared/sale';
import type { CoreEvents } from '../core-events';
import type { PosEvents } from '../events';
import type { Ledger } from '../store/ledger';
import type { ConfirmOptions } from './confirm';
import { coverageNote, recoveryWarning } from './coverage';
import { createNoticeChecks } from './notice-checks';
import type { ResolvedChainOptions } from './options';
import { createChainReaders } from './readers';
import { recordRecoveredPayment } from './recovered-payments';
import { RECOVERY_WINDOW_MS, type ChainReaders } from './recovery';
import { createRecoveryRunner, RECOVERY_INTERVAL_MS, type RecoveryReport, type RecoveryRunner, type RecoveryTrigger } from './recovery-runner';
import type { Transfer } from './types';

export interface ChainWatch {
  /** The current readers; replaced when the settings change. */
  readonly readers: ChainReaders;
  readonly confirmEnabled: boolean;
  readonly recovery: RecoveryRunner | null;
  /** A paid notice named a transaction: check it later (never delays the notice's answer). */
  paidByNotice(sale: Sale): void;
  /** A check of one sale's notice; what paidByNotice runs. */
  confirm(sale: Sale): Promise<void>;
  /** Resolves when the checks started so far are done (tests). */
  settled(): Promise<void>;
  /** New explorer settings: new readers, the timer to match, and a started watch looks again at once. */
  reconfigure(options: ResolvedChainOptions): void;
  recover(trigger: RecoveryTrigger): Promise<RecoveryReport | null>;
  /** Recoveries since start, for the owner's status bar. */
  warnings(): string[];
  /** What the watch cannot do for sales on this network, in words; null when it confirms and recovers them. */
  coverageNote(blockchain: Blockchain): string | null;
  start(): void;
  close(): Promise<void>;
}

export interface ChainWatchDeps {
  ledger: Ledger;
  events: PosEvents;
  core: CoreEvents;
  options: ResolvedChainOptions;
  now: () => Date;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

function readersFor(options: ResolvedChainOptions, fetchFn?: typeof fetch): ChainReaders {
  if (options.readers) return options.readers;
  const { tronApi, etherscanApi, tronApiKey, etherscanApiKey, timeoutMs } = options;
  return createChainReaders(
    { tronApi, etherscanApi, ...(tronApiKey ? { tronApiKey } : {}), ...(etherscanApiKey ? { etherscanApiKey } : {}) },
    { ...(fetchFn ? { fetch: fetchFn } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  );
}

function confirmOptionsOf(options: ResolvedChainOptions): ConfirmOptions {
  return {
    ...(options.unknownHashRetries === undefined ? {} : { unknownHashRetries: options.unknownHashRetries }),
    ...(options.unknownHashDelayMs === undefined ? {} : { unknownHashDelayMs: options.unknownHashDelayMs }),
  };
}

export function createChainWatch(deps: ChainWatchDeps): ChainWatch {
  const { ledger, now, log } = deps;
  let options = deps.options;
  let readers: ChainReaders = {};
  let confirmEnabled = false;
  let recovery: RecoveryRunner | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let recovered = 0;
  let closed = false;
  let started = false;
  const checks = createNoticeChecks({ ledger, events: deps.events, now, log, closed: () => closed });

  function readerToConfirm(sale: Sale) {
    const reader = readers[sale.blockchain];
    return confirmEnabled && !sale.sandbox && sale.txHash && reader && !closed ? reader : null;
  }

  function onFound(sale: Sale, transfer: Transfer): void {
    if (closed) return;
    const explorer = readers[sale.blockchain]?.explorer ?? 'explorer';
    const updated = recordRecoveredPayment(ledger, sale, transfer, explorer, now().toISOString());
    if (!updated) return;
    recovered += 1;
    log?.(`chain: sale ${sale.id} recovered from ${explorer}: ${updated.paidCryptoAmount ?? ''} in ${transfer.hash}`);
    deps.events.emit('sale-updated', updated);
    deps.core.emit('chain-warnings-changed', undefined);
  }

  /** Builds the readers and the recovery runner; no address and no key → no reader, no calls. */
  function apply(next: ResolvedChainOptions): void {
    options = next;
    readers = readersFor(next, deps.fetch);
    confirmEnabled = Object.keys(readers).length > 0 && next.confirm;
    recovery =
      Object.keys(readers).length === 0
        ? null
        : createRecoveryRunner({
            readers,
            listCandidates: () => ledger.recoveryCandidates(new Date(now().getTime() - RECOVERY_WINDOW_MS).toISOString()),
            isClaimed: (hash) => ledger.isHashClaimed(hash),
            onFound,
            onReport: (report) => {
              for (const { blockchain, error } of report.errors) log?.(`chain: recovery (${report.trigger}) on ${blockchain}: ${error.message}`);
              if (report.deferred > 0) log?.(`chain: recovery (${report.trigger}) left ${report.deferred} sale(s) for the next pass`);
            },
            now,
          });
  }

  async function recover(trigger: RecoveryTrigger): Promise<RecoveryReport | null> {
    const runner = recovery;
    if (!runner || closed) return null;
    try {
      return await runner.run(trigger);
    } catch (error) {
      log?.(`chain: recovery (${trigger}) failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  function stopTimer(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  /** The schedule for the current runner: a pass now, then on the timer; nothing without readers. */
  function schedule(trigger: RecoveryTrigger): void {
    stopTimer();
    if (!recovery || closed) return;
    void recover(trigger);
    timer = setInterval(() => void recover('timer'), options.intervalMs ?? RECOVERY_INTERVAL_MS);
    timer.unref();
  }

  apply(deps.options);

  return {
    get readers() {
      return readers;
    },
    get confirmEnabled() {
      return confirmEnabled;
    },
    get recovery() {
      return recovery;
    },
    paidByNotice(sale) {
      const reader = readerToConfirm(sale);
      if (reader) checks.queue(sale, reader, confirmOptionsOf(options));
    },
    async confirm(sale) {
      const reader = readerToConfirm(sale);
      if (reader) await checks.check(sale, reader, confirmOptionsOf(options));
    },
    settled: () => checks.settled(),
    reconfigure(next) {
      if (closed) return;
      apply(next);
      const explorers = [...new Set(Object.values(readers).map((reader) => reader.explorer))];
      log?.(`chain: explorer settings changed; ${explorers.join(' and ') || 'no explorer'} in use`);
      if (started) schedule('settings');
    },
    recover,
    warnings() {
      const line = recoveryWarning(recovered);
      return line ? [line] : [];
    },
    coverageNote: (blockchain) => coverageNote(blockchain, readers, options),
    start() {
      if (started || closed) return;
      started = true;
      schedule('start');
    },
    async close() {
      // Nothing is awaited: an explorer may take its full timeout. Whatever answers after this point
      // is dropped before it touches the ledger (the checks look at `closed`).
      closed = true;
      stopTimer();
    },
  };
}
