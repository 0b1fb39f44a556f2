// Words and numbers as the cashier reads them. Never throws: one odd row must not blank the screen.
import { currencyExponent } from '../shared/money';
import { REVIEW_REASON_TEXT, type Confirmation, type Sale, type SaleStatus } from '../shared/sale';
import { t } from './i18n/locale';
import { formatClock, formatMoneyLocal } from './i18n/numbers';

/** "EUR 1,234.50" in the screens' language; an unknown currency code falls back to its raw minor units rather than crashing. */
export function showMoney(minor: number, currency: string): string {
  try {
    return formatMoneyLocal(minor, currency);
  } catch {
    return `${currency} ${minor} (minor units)`;
  }
}

/** Decimals the keypad allows; an unknown code gets two so the counter still works. */
export function safeExponent(currency: string): number {
  try {
    return currencyExponent(currency);
  } catch {
    return 2;
  }
}

/** Local wall-clock time of an ISO instant ("14:05"), or a dash when it is unreadable. */
export function showClock(iso: string | null): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return formatClock(at);
}

/** A status in one word, in the screens' language (the cashier's list and alerts). */
export function statusWord(status: SaleStatus): string {
  return t(`word.${status}`);
}

/** Why a sale needs review, in the screens' language. */
export function reviewReasonWords(sale: Pick<Sale, 'reviewReason'>): string {
  return t(sale.reviewReason ? `reason.${sale.reviewReason}` : 'reason.other');
}

/** One word per status, as the sales list and the announcements use them. */
export const STATUS_WORD: Readonly<Record<SaleStatus, string>> = {
  creating: 'Creating',
  pending: 'Waiting',
  paid: 'Paid',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  review: 'Needs review',
  voided: 'Voided',
  'partly-refunded': 'Partly refunded',
  refunded: 'Refunded',
};

/** How the blockchain backs a paid sale, as the history, the receipt and the Paid screen say it. */
export const CONFIRMATION_TEXT: Readonly<Record<Confirmation, string>> = {
  'chain-confirmed': 'Confirmed on chain',
  recovered: 'Recovered from chain',
};

/** Why a sale waits for the owner, with the detail the core recorded ("The customer paid less: …"). */
export function reviewText(sale: Pick<Sale, 'reviewReason' | 'reviewDetail'>): string {
  const reason = sale.reviewReason ? REVIEW_REASON_TEXT[sale.reviewReason] : 'Needs the owner’s decision';
  return sale.reviewDetail ? `${reason}: ${sale.reviewDetail}` : reason;
}

/** Sales paid with the sandbox's "Simulate payment" moved no real money; everywhere they show, they say so. */
export const SANDBOX_LABEL = 'Sandbox — no real money';

/** "1 paid test sale", "3 paid test sales". */
export function sandboxSalesText(count: number): string {
  return `${count} paid test sale${count === 1 ? '' : 's'}`;
}
