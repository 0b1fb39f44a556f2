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
import { createNoticeChecks, type NoticeChecks } from './notice-checks';
import type { ResolvedChainOptions } from './options';
import { createChainReaders } from './readers';
import { recordRecoveredPayment } from './recovered-payments';
import { RECOVERY_WINDOW_MS, type ChainReaders } from './recovery';
import { createRecoveryRunner, RECOVERY_INTERVAL_MS, type RecoveryReport, type RecoveryRunner, type RecoveryTrigger } from './recovery-runner';
import type { ChainReader, Transfer } from './types';

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
  return new Watch(deps);
}

class Watch implements ChainWatch {
  private options: ResolvedChainOptions;
  private currentReaders: ChainReaders = {};
  private confirming = false;
  private runner: RecoveryRunner | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private recovered = 0;
  private closed = false;
  private started = false;
  private readonly checks: NoticeChecks;

  constructor(private readonly deps: ChainWatchDeps) {
    this.options = deps.options;
    this.checks = createNoticeChecks({ ledger: deps.ledger, events: deps.events, now: deps.now, log: deps.log, closed: () => this.closed });
    this.apply(deps.options);
  }

  get readers(): ChainReaders {
    return this.currentReaders;
  }

  get confirmEnabled(): boolean {
    return this.confirming;
  }

  get recovery(): RecoveryRunner | null {
    return this.runner;
  }

  paidByNotice(sale: Sale): void {
    const reader = this.readerToConfirm(sale);
    if (reader) this.checks.queue(sale, reader, confirmOptionsOf(this.options));
  }

  async confirm(sale: Sale): Promise<void> {
    const reader = this.readerToConfirm(sale);
    if (reader) await this.checks.check(sale, reader, confirmOptionsOf(this.options));
  }

  settled(): Promise<void> {
    return this.checks.settled();
  }

  reconfigure(next: ResolvedChainOptions): void {
    if (this.closed) return;
    this.apply(next);
    const explorers = [...new Set(Object.values(this.currentReaders).map((reader) => reader.explorer))];
    this.deps.log?.(`chain: explorer settings changed; ${explorers.join(' and ') || 'no explorer'} in use`);
    if (this.started) this.schedule('settings');
  }

  async recover(trigger: RecoveryTrigger): Promise<RecoveryReport | null> {
    const runner = this.runner;
    if (!runner || this.closed) return null;
    try {
      return await runner.run(trigger);
    } catch (error) {
      this.deps.log?.(`chain: recovery (${trigger}) failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  warnings(): string[] {
    const line = recoveryWarning(this.recovered);
    return line ? [line] : [];
  }

  coverageNote(blockchain: Blockchain): string | null {
    return coverageNote(blockchain, this.currentReaders, this.options);
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.schedule('start');
  }

  async close(): Promise<void> {
    // Nothing is awaited: an explorer may take its full timeout. Whatever answers after this point
    // is dropped before it touches the ledger (the checks look at `closed`).
    this.closed = true;
    this.stopTimer();
  }

  private readerToConfirm(sale: Sale): ChainReader | null {
    const reader = this.currentReaders[sale.blockchain];
    return this.confirming && !sale.sandbox && sale.txHash && reader && !this.closed ? reader : null;
  }

  /** Builds the readers and the recovery runner; no address and no key → no reader, no calls. */
  private apply(next: ResolvedChainOptions): void {
    const { ledger, now, log } = this.deps;
    this.options = next;
    this.currentReaders = readersFor(next, this.deps.fetch);
    const any = Object.keys(this.currentReaders).length > 0;
    this.confirming = any && next.confirm;
    this.runner = !any
      ? null
      : createRecoveryRunner({
          readers: this.currentReaders,
          listCandidates: () => ledger.recoveryCandidates(new Date(now().getTime() - RECOVERY_WINDOW_MS).toISOString()),
          isClaimed: (hash) => ledger.isHashClaimed(hash),
          onFound: (sale, transfer) => this.onFound(sale, transfer),
          onReport: (report) => {
            for (const { blockchain, error } of report.errors) log?.(`chain: recovery (${report.trigger}) on ${blockchain}: ${error.message}`);
            if (report.deferred > 0) log?.(`chain: recovery (${report.trigger}) left ${report.deferred} sale(s) for the next pass`);
          },
          now,
        });
  }

  private onFound(sale: Sale, transfer: Transfer): void {
    if (this.closed) return;
    const explorer = this.currentReaders[sale.blockchain]?.explorer ?? 'explorer';
    const updated = recordRecoveredPayment(this.deps.ledger, sale, transfer, explorer, this.deps.now().toISOString());
    if (!updated) return;
    this.recovered += 1;
    this.deps.log?.(`chain: sale ${sale.id} recovered from ${explorer}: ${updated.paidCryptoAmount ?? ''} in ${transfer.hash}`);
    this.deps.events.emit('sale-updated', updated);
    this.deps.core.emit('chain-warnings-changed', undefined);
  }

  /** The schedule for the current runner: a pass now, then on the timer; nothing without readers. */
  private schedule(trigger: RecoveryTrigger): void {
    this.stopTimer();
    if (!this.runner || this.closed) return;
    void this.recover(trigger);
    this.timer = setInterval(() => void this.recover('timer'), this.options.intervalMs ?? RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
