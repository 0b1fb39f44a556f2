// Recovery of lost notices: the chain is the ground truth. A pending or expired sale whose exact
// amount reached its address after it was created has been paid, notice or not.
import type { Blockchain } from '../../../shared/mitilena';
import type { Sale, SaleStatus } from '../../../shared/sale';
import { invoiceOf } from './match';
import type { ChainReader } from './types';

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

export type ChainReaders = Partial<Record<Blockchain, ChainReader>>;
