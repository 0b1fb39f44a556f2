// The cashier's actions on the register (issue 12): keys into the entry (shared/entry.ts), then
// Charge: a large amount is confirmed first, a tip chosen when the shop offers tips, and only then
// is the invoice asked for. Retry belongs to a failed charge only; "charge the difference" starts a
// sale linked to the underpaid one.
import { entryAmount, entryMinor, entryStartingWith, pressEntryKey, type KeypadKey } from '../shared/entry';
import { currencyExponent, minorToDecimal } from '../shared/money';
import type { Sale } from '../shared/sale';
import { answerWasLost } from './charge-rules';
import { shortfallOf } from './shortfall';
import { newSale, NOTE_MAX_CHARS, startCharge, useCounter } from './store';

const { getState, setState } = useCounter;
export const EMAIL_MAX_CHARS = 254;
// What the service's schema takes (zod's email check); the screen says so before Charge.
const EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function pressKeypad(key: KeypadKey): void {
  const { status, entry, inFlight, preCharge } = getState();
  if (!status || inFlight || preCharge) return;
  try {
    setState({ entry: pressEntryKey(entry, key, status.currency) });
  } catch {
    // Unknown currency code: the entry refuses it; the status line already shows the currency.
  }
}

/** On a result screen a digit starts the next sale with that digit. */
export function newSaleWith(key: KeypadKey): void {
  const currency = getState().status?.currency;
  if (!currency) return;
  try {
    newSale(entryStartingWith(key, currency));
  } catch {
    newSale();
  }
}

export function setNote(note: string): void {
  setState({ note: note.slice(0, NOTE_MAX_CHARS) });
}

export function setCustomerEmail(email: string): void {
  setState({ customerEmail: email.slice(0, EMAIL_MAX_CHARS) });
}

/** Empty is fine (the email is never required); otherwise it must be an address. */
export function emailIsUsable(email: string): boolean {
  const trimmed = email.trim();
  return trimmed === '' || EMAIL_PATTERN.test(trimmed);
}

/** Minor units above which the cashier confirms the amount (the owner's limit, in whole units). */
export function confirmLimitMinor(confirmAbove: number, currency: string): number {
  try {
    return confirmAbove * 10 ** currencyExponent(currency);
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** Charge what the keypad shows. Ignored while a charge is in flight, nothing is typed or a key is held. */
export function charge(): void {
  const { status, entry, inFlight, preCharge, customerEmail } = getState();
  // Live mode without a reachable public URL: the core would refuse it; the register says why.
  if (!status || inFlight || preCharge || status.chargeBlockedReason || !emailIsUsable(customerEmail)) return;
  const amount = entryAmount(entry, status.currency);
  const minor = entryMinor(entry, status.currency);
  if (!amount || minor === null) return;
  if (minor > confirmLimitMinor(status.counter.confirmAbove, status.currency)) setState({ preCharge: { amount, stage: 'confirm' } });
  else afterConfirm(amount);
}

function afterConfirm(amount: string): void {
  const { status, note, customerEmail } = getState();
  if (status?.counter.tips.enabled) setState({ preCharge: { amount, stage: 'tip' } });
  else void startCharge({ amount, note, customerEmail });
}

/** "Yes, charge it" on a large amount. */
export function confirmLarge(): void {
  const { preCharge } = getState();
  if (preCharge?.stage === 'confirm') afterConfirm(preCharge.amount);
}

/** Back from the confirmation or the tip to the amount, as typed. */
export function backToAmount(): void {
  setState({ preCharge: null });
}

/** The tip chosen (a decimal of the currency, or null for none): the invoice asks for amount + tip. */
export function chooseTip(tip: string | null): void {
  const { preCharge, note, customerEmail } = getState();
  if (preCharge?.stage !== 'tip') return;
  void startCharge({ amount: preCharge.amount, note, customerEmail, ...(tip ? { tip } : {}) });
}

/**
 * Charge the same again, after a failed charge only. After a lost answer the same request id is
 * sent, so a sale the counter did create is picked up instead of a second one.
 */
export function retry(): void {
  const { chargeFailure, currentSale } = getState();
  if (chargeFailure) {
    const { error, requestId, ...request } = chargeFailure;
    void startCharge(request, answerWasLost(error) ? requestId : undefined);
  } else if (currentSale?.status === 'failed') {
    try {
      const amount = minorToDecimal(currentSale.amountMinor - currentSale.tipMinor, currentSale.currency);
      const tip = currentSale.tipMinor > 0 ? minorToDecimal(currentSale.tipMinor, currentSale.currency) : undefined;
      void startCharge({ amount, note: currentSale.note, ...(tip ? { tip } : {}), ...(currentSale.linkedSaleId ? { linkedSaleId: currentSale.linkedSaleId } : {}) });
    } catch {
      // An unknown currency code: nothing to charge again.
    }
  }
}

/** After an underpayment: a new sale for what is missing, linked to the underpaid one. */
export function chargeDifference(sale: Sale): void {
  const shortfall = shortfallOf(sale);
  if (!shortfall) return;
  void startCharge({ amount: minorToDecimal(shortfall.fiatMinor, sale.currency), note: sale.note, linkedSaleId: sale.id });
}
