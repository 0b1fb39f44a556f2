// The blockchain as a second opinion and a safety net, wired to the ledger: a paid notice naming a
// transaction is checked at a block explorer after the notice was answered, and pending or expired
// sales whose notice never came are looked for on the chain (at start, when the tunnel comes back,
// on a timer). The chain/ modules do the looking; this file records what they find.
import { NETWORKS, type Blockchain } from '../../shared/mitilena';
import { SALE_STATUSES, type Sale } from '../../shared/sale';
import { confirmNotice, type ConfirmOptions } from './chain/confirm';
import { formatBaseUnits, toBaseUnits } from './chain/match';
import { DEFAULT_ETHERSCAN_API, DEFAULT_TRON_API, ETHERSCAN_API_KEY_ENV, TRONGRID_API_KEY_ENV, createChainReaders } from './chain/readers';
import { RECOVERY_WINDOW_MS, type ChainReaders } from './chain/recovery';
import { createRecoveryRunner, RECOVERY_INTERVAL_MS, type RecoveryReport, type RecoveryRunner, type RecoveryTrigger } from './chain/recovery-runner';
import { tokenFor, type Transfer } from './chain/types';
import type { PosEvents } from './events';
import type { Ledger } from './store/ledger';

/** What the chain watch runs with: the owner's Settings, with browser-mode flags and the environment winning (see core.ts). */
export interface ChainOptions {
  /** TronGrid base URL. Absent: TRC20 is checked only when a TronGrid key is given (then at the public default). */
  tronApi?: string | null;
  tronApiKey?: string;
  /** Etherscan v2 endpoint. Absent: ERC20/BEP20 are checked only when an Etherscan key is given. */
  etherscanApi?: string | null;
  etherscanApiKey?: string;
  /** Check paid notices against the chain (default true; only live sales are ever checked). */
  confirm?: boolean;
  /** Recovery timer (default 10 minutes). */
  intervalMs?: number;
  /** Per-request explorer timeout (default 10 s). */
  timeoutMs?: number;
  /** Unknown-hash lookups before a notice's transaction counts as unknown, and the wait between them. */
  unknownHashRetries?: number;
  unknownHashDelayMs?: number;
  /** The readers themselves (tests); wins over the URLs. */
  readers?: ChainReaders;
}

/**
 * Browser mode: the flags and the environment. No URL and no key means no reader: the counter never
 * calls a public explorer the owner did not ask for.
 */
export function chainOptionsFrom(flags: { tronApi?: string; etherscanApi?: string; noChainConfirm?: boolean; chainIntervalMs?: number }, env: Record<string, string | undefined>): ChainOptions {
  const tronApiKey = env[TRONGRID_API_KEY_ENV]?.trim();
  const etherscanApiKey = env[ETHERSCAN_API_KEY_ENV]?.trim();
  return {
    ...(flags.tronApi ? { tronApi: flags.tronApi } : {}),
    ...(flags.etherscanApi ? { etherscanApi: flags.etherscanApi } : {}),
    ...(tronApiKey ? { tronApiKey } : {}),
    ...(etherscanApiKey ? { etherscanApiKey } : {}),
    confirm: !flags.noChainConfirm,
    ...(flags.chainIntervalMs ? { intervalMs: flags.chainIntervalMs } : {}),
  };
}

export function readersFor(options: ChainOptions | undefined, deps: { fetch?: typeof fetch } = {}): ChainReaders {
  if (!options) return {};
  if (options.readers) return options.readers;
  const tronApi = options.tronApi ?? (options.tronApiKey ? DEFAULT_TRON_API : null);
  const etherscanApi = options.etherscanApi ?? (options.etherscanApiKey ? DEFAULT_ETHERSCAN_API : null);
  return createChainReaders(
    {
      tronApi,
      etherscanApi,
      ...(options.tronApiKey ? { tronApiKey: options.tronApiKey } : {}),
      ...(options.etherscanApiKey ? { etherscanApiKey: options.etherscanApiKey } : {}),
    },
    { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
  );
}

/** What the sale service needs: a paid notice named a transaction, check it later. */
export interface ChainConfirmer {
  /** Fire and forget: never throws, never delays the notice's answer. */
  paidByNotice(sale: Sale): void;
}

export interface ChainWatch extends ChainConfirmer {
  /** The current readers; replaced when the settings change. */
  readonly readers: ChainReaders;
  readonly confirmEnabled: boolean;
  /**
   * New explorer settings at runtime (the owner saved Settings): the readers are rebuilt, the recovery
   * timer started or stopped to match, and a started watch looks for lost payments with the new readers.
   */
  reconfigure(options: ChainOptions | undefined): void;
  /** Resolves when the checks started so far are done (tests). */
  settled(): Promise<void>;
  /** A check of one sale's notice; what paidByNotice runs. */
  confirm(sale: Sale): Promise<void>;
  readonly recovery: RecoveryRunner | null;
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
  options?: ChainOptions;
  now: () => Date;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Called after a recovery changed the owner's warnings. */
  onWarningsChanged?: () => void;
}

/** Why lost notices cannot be recovered on a network, and what would fix it; null when they can. */
export function coverageNote(blockchain: Blockchain, readers: ChainReaders, options: ChainOptions): string | null {
  const { network } = NETWORKS[blockchain];
  const cannot = `a lost payment notice cannot be recovered on ${network}`;
  if (blockchain === 'tether-trc20') {
    return readers[blockchain] ? null : `Payments on ${network} are not watched on the blockchain, so ${cannot}. Set a TronGrid address or key in Settings (Block explorers).`;
  }
  if (blockchain === 'tether-erc20' || blockchain === 'tether-bep20') {
    if (readers[blockchain] && (options.etherscanApiKey || options.readers)) return null;
    return `Payments on ${network} are not watched on the blockchain without an Etherscan API key, so ${cannot}. Add a free Etherscan key in Settings (Block explorers).`;
  }
  return `The counter cannot look up ${NETWORKS[blockchain].token} payments on the blockchain, so ${cannot}.`;
}

export function recoveryWarning(count: number): string | null {
  if (count === 0) return null;
  return count === 1
    ? '1 payment recovered from the blockchain since the counter started (its notice never arrived): see History'
    : `${count} payments recovered from the blockchain since the counter started (their notices never arrived): see History`;
}

export function createChainWatch(deps: ChainWatchDeps): ChainWatch {
  const { ledger, events, now, log } = deps;
  let options: ChainOptions = deps.options ?? {};
  let readers: ChainReaders = {};
  let confirmEnabled = false;
  let confirmOptions: ConfirmOptions = {};
  let recovery: RecoveryRunner | null = null;
  const inFlight = new Set<Promise<void>>();
  let recovered = 0;
  let closed = false;
  let started = false;

  function announce(sale: Sale | null): void {
    if (sale && !closed) events.emit('sale-updated', sale);
  }

  async function confirm(sale: Sale): Promise<void> {
    const reader = readers[sale.blockchain];
    if (!confirmEnabled || sale.sandbox || !sale.txHash || !reader || closed) return;
    // The notice's own amount is what the chain must show: an overpaid sale was paid more than the invoice.
    const reported = sale.paidCryptoAmount ? { ...sale, cryptoAmount: sale.paidCryptoAmount } : sale;
    const verdict = await confirmNotice(reader, reported, sale.txHash, confirmOptions);
    if (closed) return;
    const at = now().toISOString();
    const source = { explorer: reader.explorer, hash: sale.txHash };
    if (verdict.verdict === 'confirmed') {
      const updated = ledger.appendEvent(sale.id, ['paid'], at, { cause: 'chain confirmed', detail: source }, { confirmation: 'chain-confirmed' });
      if (!updated) log?.(`chain: sale ${sale.id} was confirmed on the chain but is no longer paid; nothing changed`);
      announce(updated);
    } else if (verdict.verdict === 'contradicted') {
      const updated = ledger.transition(
        sale.id,
        ['paid'],
        'review',
        at,
        { reviewReason: 'chain-mismatch', reviewDetail: verdict.detail },
        { cause: 'chain contradicted', detail: { ...source, reason: verdict.reason, detail: verdict.detail } },
      );
      if (!updated) log?.(`chain: the chain contradicts the notice of sale ${sale.id}, which is no longer paid: ${verdict.detail}`);
      announce(updated);
    } else {
      ledger.appendEvent(sale.id, SALE_STATUSES, at, { cause: 'chain check unavailable', detail: { ...source, error: verdict.error } });
      log?.(`chain: sale ${sale.id} could not be checked at ${reader.explorer}: ${verdict.error.message}`);
    }
  }

  function paidByNotice(sale: Sale): void {
    if (!confirmEnabled || sale.sandbox || !sale.txHash || !readers[sale.blockchain]) return;
    // After the notice's answer: the webhook request never waits for an explorer.
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => confirm(sale))
      .catch((error: unknown) => log?.(`chain: checking sale ${sale.id} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }

  /** The paid amount in the token's own units, spelled as the invoice spelled it when equal. */
  function paidAmount(sale: Sale, transfer: Transfer): string {
    const decimals = tokenFor(sale.blockchain)?.decimals ?? transfer.decimals ?? 0;
    const asked = sale.cryptoAmount ? toBaseUnits(sale.cryptoAmount, decimals) : null;
    if (sale.cryptoAmount && asked?.ok && asked.units === transfer.amountBaseUnits) return sale.cryptoAmount;
    const text = formatBaseUnits(transfer.amountBaseUnits, decimals);
    return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  }

  function onFound(sale: Sale, transfer: Transfer): void {
    if (closed) return;
    const at = now().toISOString();
    const explorer = readers[sale.blockchain]?.explorer ?? 'explorer';
    const paidCryptoAmount = paidAmount(sale, transfer);
    const updated = ledger.transition(
      sale.id,
      ['pending', 'expired'],
      'paid',
      at,
      { txHash: transfer.hash, paidCryptoAmount, paidAt: transfer.at?.toISOString() ?? at, confirmation: 'recovered' },
      { cause: 'recovered from chain', detail: { explorer, hash: transfer.hash, amount: paidCryptoAmount, from: transfer.from, to: transfer.to, at: transfer.at?.toISOString() ?? null } },
    );
    if (!updated) return;
    recovered += 1;
    log?.(`chain: sale ${sale.id} recovered from ${explorer}: ${paidCryptoAmount} in ${transfer.hash}`);
    announce(updated);
    deps.onWarningsChanged?.();
  }

  let timer: ReturnType<typeof setInterval> | null = null;

  function makeRecovery(current: ChainReaders): RecoveryRunner | null {
    if (Object.keys(current).length === 0) return null;
    return createRecoveryRunner({
      readers: current,
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

  /** Builds the readers and the recovery runner from `next`; no URL and no key → no reader, no calls. */
  function apply(next: ChainOptions | undefined): void {
    options = next ?? {};
    readers = readersFor(next, { fetch: deps.fetch });
    confirmEnabled = Object.keys(readers).length > 0 && options.confirm !== false;
    confirmOptions = {
      ...(options.unknownHashRetries === undefined ? {} : { unknownHashRetries: options.unknownHashRetries }),
      ...(options.unknownHashDelayMs === undefined ? {} : { unknownHashDelayMs: options.unknownHashDelayMs }),
    };
    recovery = makeRecovery(readers);
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
    confirm,
    paidByNotice,
    reconfigure(next) {
      if (closed) return;
      apply(next);
      log?.(`chain: explorer settings changed; ${Object.values(readers).map((reader) => reader.explorer).filter((name, index, all) => all.indexOf(name) === index).join(' and ') || 'no explorer'} in use`);
      if (started) schedule('settings');
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    recover,
    coverageNote(blockchain) {
      return coverageNote(blockchain, readers, options);
    },
    warnings() {
      const line = recoveryWarning(recovered);
      return line ? [line] : [];
    },
    start() {
      // The runner's own start() would hide its passes; the same schedule, with failures logged.
      if (started || closed) return;
      started = true;
      schedule('start');
    },
    async close() {
      // Nothing is awaited: an explorer may take its full timeout. Whatever answers after this
      // point is dropped before it touches the ledger (the checks look at `closed`).
      closed = true;
      stopTimer();
    },
  };
}
