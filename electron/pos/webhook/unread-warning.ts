// The owner's status bar line while keyed notices that could not be read are recent.
import type { Ledger } from '../store/ledger';

/** Unreadable keyed notices stay in the owner's warnings this long. */
export const UNREAD_WARNING_DAYS = 7;

/** One line for the owner's status bar while unreadable keyed notices are recent; null when there are none. */
export function unreadNoticeWarning(ledger: Ledger, now: Date): string | null {
  const since = new Date(now.getTime() - UNREAD_WARNING_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const { count, latest } = ledger.unreadNoticesSince(since);
  if (count === 0 || !latest) return null;
  const when = `${latest.at.slice(0, 16).replace('T', ' ')} UTC`;
  const what = count === 1 ? 'A payment notice with the right key' : `${count} payment notices with the right key`;
  const where = latest.saleId ? `; sale ${latest.saleId} waits for review in History` : '; it named no sale of this counter';
  return `${what} could not be read in the last ${UNREAD_WARNING_DAYS} days (latest ${when}: ${latest.reason})${where}. They are kept in the ledger: check the payment with Mitilena Pay.`;
}
