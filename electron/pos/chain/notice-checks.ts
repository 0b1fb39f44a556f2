// The second opinion on paid notices, recorded: a paid notice that names a transaction is checked at
// the block explorer after the notice was answered, and what the chain says goes into the sale's log
// (confirmed: a second tick; contradicted: review; unavailable: the sale stays paid, unconfirmed).
import { SALE_STATUSES, type Sale } from '../../../shared/sale';
import type { PosEvents } from '../events';
import type { Ledger } from '../store/ledger';
import { confirmNotice, type ConfirmOptions } from './confirm';
import type { ChainReader } from './types';

export interface NoticeChecksDeps {
  ledger: Ledger;
  events: PosEvents;
  now: () => Date;
  log?: (line: string) => void;
  /** True once the watch is closed: an answer arriving later is dropped before it touches the ledger. */
  closed: () => boolean;
}

export interface NoticeChecks {
  /** After the notice's answer (never delaying it); never throws. */
  queue(sale: Sale, reader: ChainReader, options: ConfirmOptions): void;
  /** One check now; what queue runs. */
  check(sale: Sale, reader: ChainReader, options: ConfirmOptions): Promise<void>;
  /** Resolves when the checks started so far are done (tests). */
  settled(): Promise<void>;
}

export function createNoticeChecks(deps: NoticeChecksDeps): NoticeChecks {
  const { ledger, now, log } = deps;
  const inFlight = new Set<Promise<void>>();

  const announce = (sale: Sale | null): void => {
    if (sale && !deps.closed()) deps.events.emit('sale-updated', sale);
  };

  async function check(sale: Sale, reader: ChainReader, options: ConfirmOptions): Promise<void> {
    if (!sale.txHash || deps.closed()) return;
    // The notice's own amount is what the chain must show: an overpaid sale was paid more than the invoice.
    const reported = sale.paidCryptoAmount ? { ...sale, cryptoAmount: sale.paidCryptoAmount } : sale;
    const verdict = await confirmNotice(reader, reported, sale.txHash, options);
    if (deps.closed()) return;
    const at = now().toISOString();
    const source = { explorer: reader.explorer, hash: sale.txHash };
    if (verdict.verdict === 'confirmed') {
      const updated = ledger.appendEvent(sale.id, ['paid'], at, { cause: 'chain confirmed', detail: source }, { confirmation: 'chain-confirmed' });
      if (!updated) log?.(`chain: sale ${sale.id} was confirmed on the chain but is no longer paid; nothing changed`);
      announce(updated);
    } else if (verdict.verdict === 'contradicted') {
      const patch = { reviewReason: 'chain-mismatch' as const, reviewDetail: verdict.detail };
      const updated = ledger.transition(sale.id, ['paid'], 'review', at, patch, { cause: 'chain contradicted', detail: { ...source, reason: verdict.reason, detail: verdict.detail } });
      if (!updated) log?.(`chain: the chain contradicts the notice of sale ${sale.id}, which is no longer paid: ${verdict.detail}`);
      announce(updated);
    } else {
      ledger.appendEvent(sale.id, SALE_STATUSES, at, { cause: 'chain check unavailable', detail: { ...source, error: verdict.error } });
      log?.(`chain: sale ${sale.id} could not be checked at ${reader.explorer}: ${verdict.error.message}`);
    }
  }

  function queue(sale: Sale, reader: ChainReader, options: ConfirmOptions): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => check(sale, reader, options))
      .catch((error: unknown) => log?.(`chain: checking sale ${sale.id} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }

  return {
    queue,
    check,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
