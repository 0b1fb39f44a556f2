// Recovery of lost notices: the chain is the ground truth. A pending or expired sale whose exact
// amount reached its address after it was created has been paid, notice or not.
import type { Blockchain } from '../../../shared/mitilena';
import { ok, type Result } from '../../../shared/result';
import type { Sale, SaleStatus } from '../../../shared/sale';
import { invoiceOf, matchPayment } from './match';
import type { ChainReader, Transfer } from './types';

/** The invoice lifetime (CONTRACT.md: the payment link lives 14 days). */
export const RECOVERY_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
export const RECOVERABLE_STATUSES: readonly SaleStatus[] = ['pending', 'expired'];

/** A sale worth asking the chain about: pending or expired, of the last 14 days, with an amount and address. */
export function isRecoveryCandidate(sale: Sale, now: Date): boolean {
  if (!RECOVERABLE_STATUSES.includes(sale.status)) return false;
  const created = Date.parse(sale.createdAt);
  if (Number.isNaN(created) || now.getTime() - created > RECOVERY_WINDOW_MS || created > now.getTime()) return false;
  return invoiceOf(sale).ok;
}

/**
 * The transfer that pays this sale: exactly its amount, of its token, to its address, at or after
 * it was created, and not in `claimedHashes` (hashes already recorded for other sales); or null.
 */
export async function findPayment(reader: ChainReader, sale: Sale, claimedHashes: ReadonlySet<string>): Promise<Result<Transfer | null>> {
  const checked = invoiceOf(sale);
  if (!checked.ok || reader.blockchain !== sale.blockchain) return ok(null);
  const { invoice } = checked;
  const answer = await reader.transfersTo(invoice.address, { contract: invoice.token.contract, since: invoice.createdAt });
  if (!answer.ok) return answer;
  return ok(matchPayment(invoice, answer.value, claimedHashes));
}

export type ChainReaders = Partial<Record<Blockchain, ChainReader>>;
