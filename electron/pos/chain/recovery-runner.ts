// Orchestration only: which sales to ask about, in what order, how fast. The ledger side (record
// the sale as paid, tell the owner) is the caller's `onFound`.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PosError } from '../../../shared/result';
import type { Sale } from '../../../shared/sale';
import { invoiceOf, matchPayment, type Invoice } from './match';
import { isRecoveryCandidate, type ChainReaders } from './recovery';
import type { Transfer } from './types';

/** How often the chain watch looks, when the caller does not say. */
export const RECOVERY_INTERVAL_MS = 10 * 60 * 1000;
/** One pass never runs longer than this; what is left waits for the next pass. */
export const RECOVERY_BUDGET_MS = 2 * 60 * 1000;

export type RecoveryTrigger = 'start' | 'tunnel-back' | 'timer' | 'manual' | 'settings';

export interface RecoveryFinding {
  sale: Sale;
  transfer: Transfer;
}

export interface RecoveryReport {
  trigger: RecoveryTrigger;
  /** Sales whose address was searched. */
  checked: number;
  found: RecoveryFinding[];
  /** Explorer failures, one per address searched in vain; the sales stay as they are. */
  errors: Array<{ blockchain: Sale['blockchain']; error: PosError }>;
  /** Sales left for the next pass because the time budget ran out. */
  deferred: number;
  /** Requests to explorers this pass (one per address, paging aside). */
  searches: number;
}

export interface RecoveryRunnerOptions {
  readers: ChainReaders;
  /** Sales that might have been paid without a notice; filtered again here (status, 14 days, amount). */
  listCandidates: () => Sale[] | Promise<Sale[]>;
  /** Whether a transaction hash is already recorded for some sale; such a transfer is never offered again. */
  isClaimed: (hash: string) => boolean;
  /** Record the payment (paid, cause "recovered from chain") and tell the owner. */
  onFound: (sale: Sale, transfer: Transfer) => void | Promise<void>;
  onReport?: (report: RecoveryReport) => void;
  now?: () => Date;
  budgetMs?: number;
}

export interface RecoveryRunner {
  /** One pass; a call while a pass runs joins it instead of starting another. */
  run(trigger: RecoveryTrigger): Promise<RecoveryReport>;
}

export function createRecoveryRunner(options: RecoveryRunnerOptions): RecoveryRunner {
  const now = options.now ?? (() => new Date());
  const budgetMs = options.budgetMs ?? RECOVERY_BUDGET_MS;
  let running: Promise<RecoveryReport> | null = null;

  function run(trigger: RecoveryTrigger): Promise<RecoveryReport> {
    if (running) return running;
    running = pass(trigger).finally(() => {
      running = null;
    });
    return running;
  }

  async function pass(trigger: RecoveryTrigger): Promise<RecoveryReport> {
    const startedAt = Date.now();
    const report: RecoveryReport = { trigger, checked: 0, found: [], errors: [], deferred: 0, searches: 0 };
    const at = now();
    const candidates = (await options.listCandidates()).filter((sale) => isRecoveryCandidate(sale, at) && options.readers[sale.blockchain]);
    // Found in this pass: recorded by onFound, but never offered twice even if recording failed.
    const foundNow = new Set<string>();
    const isClaimed = (hash: string): boolean => foundNow.has(hash) || options.isClaimed(hash);

    // One search per (chain, address) since its oldest sale: invoices usually share the merchant's
    // address, and their unique amounts tell them apart, so one answer serves them all.
    const groups = new Map<string, Array<{ sale: Sale; invoice: Invoice }>>();
    for (const sale of candidates) {
      const checked = invoiceOf(sale);
      if (!checked.ok) continue;
      const key = `${sale.blockchain}|${checked.invoice.address}`;
      const group = groups.get(key) ?? [];
      group.push({ sale, invoice: checked.invoice });
      groups.set(key, group);
    }

    const pending = [...groups.values()];
    while (pending.length > 0) {
      if (Date.now() - startedAt >= budgetMs) {
        report.deferred += pending.reduce((sum, group) => sum + group.length, 0);
        break;
      }
      const group = pending.shift() ?? [];
      const first = group[0];
      if (!first) continue;
      const reader = options.readers[first.sale.blockchain];
      if (!reader) continue;
      const since = new Date(Math.min(...group.map(({ invoice }) => invoice.createdAt.getTime())));
      report.searches += 1;
      const answer = await reader.transfersTo(first.invoice.address, { contract: first.invoice.token.contract, since });
      report.checked += group.length;
      if (!answer.ok) {
        report.errors.push({ blockchain: first.sale.blockchain, error: answer.error });
      } else {
        // Oldest sale first, so an earlier invoice is not robbed by a later one of the same amount.
        group.sort((a, b) => a.invoice.createdAt.getTime() - b.invoice.createdAt.getTime());
        for (const { sale, invoice } of group) {
          const transfer = matchPayment(invoice, answer.value, isClaimed);
          if (!transfer) continue;
          foundNow.add(transfer.hash);
          try {
            await options.onFound(sale, transfer);
            report.found.push({ sale, transfer });
          } catch (error) {
            report.errors.push({
              blockchain: sale.blockchain,
              error: { code: 'internal', message: `A payment found on the chain for sale ${sale.id} could not be recorded: ${String(error).slice(0, 200)}` },
            });
          }
        }
      }
      // Never hold the event loop (the webhook listener shares it) across searches.
      await yieldToLoop();
    }
    options.onReport?.(report);
    return report;
  }

  return { run };
}
