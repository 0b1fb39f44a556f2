// The counter's state: status, keypad, the charge in flight, the current sale and today's sales.
// Actions call PosApi and store its answers; events.ts feeds in what the counter announces.
import { create } from 'zustand';
import type { PosStatus } from '../shared/api';
import { minorToDecimal, pressKey, type KeypadKey } from '../shared/money';
import type { PosError } from '../shared/result';
import type { Sale } from '../shared/sale';
import { pos } from './bridge/installed';
import { answerWasLost, chargeableAmount, newRequestId } from './charge-rules';
import { dayRange, isAtLeastAsRecent, mergeListed, placeInDay, upsertSale, type DayRange } from './today';

export const NOTE_MAX_CHARS = 200;

/** A charge the gateway (or the service) refused before any sale existed: kept to show and to retry. */
export interface ChargeFailure {
  amount: string;
  note: string;
  error: PosError;
  /** The attempt's id; reused by Retry when the answer was lost, so the counter never charges twice. */
  requestId: string;
}

export type ErrorPlace = 'status' | 'today' | 'cancel';

/** After this long without the gateway's answer the cashier sees "Still waiting…" and may cancel. */
export const STILL_WAITING_AFTER_MS = 3_000;

/** The charge whose invoice is being created: what the waiting screen shows and cancels. */
export interface ChargeAttempt {
  amount: string;
  note: string;
  requestId: string;
}

export interface CounterState {
  status: PosStatus | null;
  keypad: string;
  note: string;
  currentSaleId: string | null;
  currentSale: Sale | null;
  chargeFailure: ChargeFailure | null;
  today: Sale[];
  todayRange: DayRange;
  inFlight: boolean;
  /** The charge in flight, while there is one. */
  attempt: ChargeAttempt | null;
  /** The gateway has taken longer than STILL_WAITING_AFTER_MS to answer the charge in flight. */
  slowGateway: boolean;
  cancelling: boolean;
  /** False while browser mode's live updates are down; screens may be stale then. */
  connected: boolean;
  /** The last error of each kind of call, shown where that call's result would have been. */
  lastErrors: Partial<Record<ErrorPlace, PosError>>;
}

export const useCounter = create<CounterState>()(() => ({
  status: null,
  keypad: '',
  note: '',
  currentSaleId: null,
  currentSale: null,
  chargeFailure: null,
  today: [],
  todayRange: dayRange(new Date()),
  inFlight: false,
  attempt: null,
  slowGateway: false,
  cancelling: false,
  connected: true,
  lastErrors: {},
}));

const { getState, setState } = useCounter;

function setErrorAt(place: ErrorPlace, error: PosError): void {
  setState((state) => ({ lastErrors: { ...state.lastErrors, [place]: error } }));
}

function clearErrorAt(place: ErrorPlace): void {
  if (!getState().lastErrors[place]) return;
  setState((state) => ({ lastErrors: { ...state.lastErrors, [place]: undefined } }));
}

// ---- what the counter announces (fed by events.ts) ----------------------------------------------

export function setStatus(status: PosStatus): void {
  setState({ status });
}

/** Live updates dropped (false) or came back (true); events.ts then calls catchUp(). */
export function setConnected(connected: boolean): void {
  setState({ connected });
}

/** One sale changed: refresh it wherever it is shown. */
export function receiveSale(sale: Sale): void {
  const state = getState();
  const place = placeInDay(sale, state.todayRange);
  if (place === 'after') void loadToday(); // midnight passed: start the new day's list
  setState({
    today: place === 'inside' ? upsertSale(state.today, sale) : state.today,
    currentSale:
      sale.id === state.currentSaleId && isAtLeastAsRecent(sale, state.currentSale) ? sale : state.currentSale,
  });
}

/** Events sent while live updates were down are gone: read the status, the day and the current sale again. */
export async function catchUp(): Promise<void> {
  const saleId = getState().currentSaleId;
  const reads: Promise<unknown>[] = [loadStatus(), loadToday()];
  if (saleId) {
    reads.push(
      pos().getSale({ saleId }).then((result) => {
        if (result.ok) receiveSale(result.value);
      }),
    );
  }
  await Promise.all(reads);
}

export async function loadStatus(): Promise<void> {
  const result = await pos().getStatus({});
  if (result.ok) {
    setState({ status: result.value });
    clearErrorAt('status');
  } else {
    setErrorAt('status', result.error);
  }
}

export async function loadToday(): Promise<void> {
  const range = dayRange(new Date());
  const result = await pos().listSales({ from: range.from, to: range.to, limit: 1000 });
  if (!result.ok) {
    setErrorAt('today', result.error);
    return;
  }
  const state = getState();
  const sameDay = state.todayRange.from === range.from;
  setState({ todayRange: range, today: mergeListed(result.value, sameDay ? state.today : [], range) });
  clearErrorAt('today');
}

// ---- register ----------------------------------------------------------------------------------

export function pressKeypad(key: KeypadKey): void {
  const { status, keypad, inFlight } = getState();
  if (!status || inFlight) return;
  try {
    setState({ keypad: pressKey(keypad, key, status.currency) });
  } catch {
    // Unknown currency code: pressKey refuses it; the status line already shows the currency.
  }
}

export function setNote(note: string): void {
  setState({ note: note.slice(0, NOTE_MAX_CHARS) });
}

/** Whether `requestId` is still the charge the counter is waiting for (not cancelled, not replaced). */
function isCurrentAttempt(requestId: string): boolean {
  return getState().attempt?.requestId === requestId;
}

async function startCharge(amount: string, note: string, lostRequestId?: string): Promise<void> {
  // Checked and set synchronously, before any await: a second press in the same tick sees inFlight.
  if (getState().inFlight) return;
  let requestId = lostRequestId ?? newRequestId();
  setState({ inFlight: true, attempt: { amount, note, requestId }, slowGateway: false, chargeFailure: null, currentSaleId: null, currentSale: null });
  clearErrorAt('cancel');
  const slow = setTimeout(() => {
    if (isCurrentAttempt(requestId)) setState({ slowGateway: true });
  }, STILL_WAITING_AFTER_MS);
  const trimmedNote = note.trim();
  const send = (id: string) => pos().startSale({ amount, ...(trimmedNote ? { note: trimmedNote } : {}), requestId: id });
  let result = await send(requestId);
  if (lostRequestId && result.ok && result.value.status === 'failed' && isCurrentAttempt(requestId)) {
    // The lost attempt did reach the counter, and its invoice failed: this Retry is a new attempt.
    requestId = newRequestId();
    setState({ attempt: { amount, note, requestId } });
    result = await send(requestId);
  }
  clearTimeout(slow);
  // Cancelled from the waiting screen meanwhile: that screen already shows the outcome.
  if (!isCurrentAttempt(requestId)) return;
  setState({ attempt: null, slowGateway: false });
  if (!result.ok) {
    setState({ inFlight: false, chargeFailure: { amount, note, error: result.error, requestId } });
    return;
  }
  const state = getState();
  const sale = result.value;
  // An event may already have brought a newer copy (even 'paid') before this reply arrived.
  const known = state.today.find((row) => row.id === sale.id);
  const current = isAtLeastAsRecent(sale, known) ? sale : (known as Sale);
  setState({
    inFlight: false,
    currentSaleId: sale.id,
    currentSale: current,
    today: placeInDay(current, state.todayRange) === 'inside' ? upsertSale(state.today, current) : state.today,
  });
}

/** Charge what the keypad shows. Ignored while a charge is in flight or nothing is typed. */
export function charge(): void {
  const { status, keypad, note, inFlight } = getState();
  // Live mode without a reachable public URL: the core would refuse it; the register says why.
  if (!status || inFlight || status.chargeBlockedReason) return;
  const amount = chargeableAmount(keypad, status.currency);
  if (amount) void startCharge(amount, note);
}

/**
 * Charge the same amount and note again. After a lost answer the same request id is sent, so a sale
 * the counter did create is picked up instead of a second one; otherwise it is a new attempt.
 */
export function retry(): void {
  const { chargeFailure, currentSale } = getState();
  if (chargeFailure) {
    void startCharge(chargeFailure.amount, chargeFailure.note, answerWasLost(chargeFailure.error) ? chargeFailure.requestId : undefined);
  } else if (currentSale) {
    let amount: string;
    try {
      amount = minorToDecimal(currentSale.amountMinor, currentSale.currency);
    } catch {
      return;
    }
    void startCharge(amount, currentSale.note);
  }
}

/**
 * Cancel from the "Still waiting for the gateway…" screen: the sale is found by the charge's request
 * id (its own id is not known yet). If the invoice arrives later it is kept on the cancelled sale.
 */
export async function cancelWaitingCharge(): Promise<void> {
  const { attempt, cancelling } = getState();
  if (!attempt || cancelling) return;
  setState({ cancelling: true });
  const result = await pos().cancelSale({ requestId: attempt.requestId });
  setState({ cancelling: false });
  if (!result.ok) {
    // 'invalid-state': the invoice arrived in the meantime; the charge's own answer shows it.
    if (result.error.code !== 'invalid-state') setErrorAt('cancel', result.error);
    return;
  }
  if (!isCurrentAttempt(attempt.requestId)) return;
  clearErrorAt('cancel');
  const sale = result.value;
  setState((state) => ({
    inFlight: false,
    attempt: null,
    slowGateway: false,
    currentSaleId: sale.id,
    currentSale: sale,
    today: placeInDay(sale, state.todayRange) === 'inside' ? upsertSale(state.today, sale) : state.today,
  }));
}

export async function cancelCurrentSale(): Promise<void> {
  const { currentSale, cancelling } = getState();
  if (!currentSale || currentSale.status !== 'pending' || cancelling) return;
  setState({ cancelling: true });
  const result = await pos().cancelSale({ saleId: currentSale.id });
  setState({ cancelling: false });
  if (result.ok) {
    receiveSale(result.value);
    clearErrorAt('cancel');
  } else {
    setErrorAt('cancel', result.error);
  }
}

/** Back to an empty keypad. The finished sale stays in today's list. */
export function newSale(): void {
  if (getState().inFlight) return;
  setState({ keypad: '', note: '', currentSaleId: null, currentSale: null, chargeFailure: null });
  clearErrorAt('cancel');
}
