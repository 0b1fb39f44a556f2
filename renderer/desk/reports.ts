// The day close and the open receipt: what they read, and when they read again.
import type { DeskScope } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { pos } from '../bridge/installed';
import { createReader } from './reader';
import { inScope } from './scope';

/** Notices keep arriving while the day close is open; a burst costs one read. */
const DAY_CLOSE_REFRESH_DELAY_MS = 400;

export const dayCloseReader = createReader((args: { from: string; to: string; scope?: DeskScope }) => inScope(args.scope, () => pos().dayClose(args)));

export const receiptReader = createReader((args: { saleId: string }) => pos().getReceipt(args));

/** A sale changed (a notice, an owner action, another window): the open reports follow it. */
export function reportsSaleUpdated(sale: Sale): void {
  dayCloseReader.refreshSoon(DAY_CLOSE_REFRESH_DELAY_MS);
  if (receiptReader.showing()?.saleId === sale.id) receiptReader.refresh();
}

/**
 * Opens the sale's transaction in the block explorer; the URL is made by the core from the sale.
 * Returns the sentence to show when that failed, or null.
 */
export async function openTransaction(saleId: string): Promise<string | null> {
  const result = await pos().openExplorer({ saleId });
  if (!result.ok) return result.error.message;
  // Browser mode cannot open the system browser from the service: the page opens it instead.
  if (!result.value.opened) window.open(result.value.url, '_blank', 'noopener,noreferrer');
  return null;
}
