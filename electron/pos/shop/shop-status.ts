// The shop ledger as the status bar shows it: off, synced, behind (changes waiting while the counter
// sends them) or unreachable (the last attempt failed, since when and why). Pure: the replicator
// gathers the facts, this puts them in words. Never the URL.
import type { PosStatus } from '../../../shared/api';

export type ShopLedgerStatus = PosStatus['shopLedger'];

export const SHOP_LEDGER_OFF: ShopLedgerStatus = { state: 'off', behind: 0, message: null };

export interface ShopLedgerFacts {
  configured: boolean;
  /** Sale events in this counter's ledger that the shop ledger does not have yet. */
  behind: number;
  /** Since when every attempt failed, and why (the latest reason); null while attempts succeed. */
  failing: { since: Date; reason: string } | null;
  now: Date;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** "10:42" today; "2026-11-25 10:42" on another day (the computer's own time zone). */
export function clockTime(at: Date, now: Date): string {
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

function waiting(behind: number): string {
  return behind === 1 ? '1 change to sales waiting' : `${behind.toLocaleString('en-US')} changes to sales waiting`;
}

export function shopLedgerStatus(facts: ShopLedgerFacts): ShopLedgerStatus {
  const { behind, failing } = facts;
  if (!facts.configured) return SHOP_LEDGER_OFF;
  if (failing) {
    const what = behind > 0 ? `${waiting(behind)}, ` : '';
    return { state: 'unreachable', behind, message: `Shop ledger: ${what}server unreachable since ${clockTime(failing.since, facts.now)} (${failing.reason})` };
  }
  if (behind > 0) return { state: 'behind', behind, message: `Shop ledger: ${waiting(behind)}, sending` };
  return { state: 'synced', behind: 0, message: 'Shop ledger: up to date' };
}
