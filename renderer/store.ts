// The counter's state: status, keypad, the charge in flight, the current sale and today's sales.
// Actions call PosApi and store its answers; events.ts feeds in what the counter announces.
import { create } from 'zustand';
import type { PosStatus } from '../shared/api';
import { EMPTY_ENTRY, type Entry } from '../shared/entry';
import type { PosError } from '../shared/result';
import type { Sale, SaleStatus } from '../shared/sale';
import { pos } from './bridge/installed';
import { newRequestId } from './charge-rules';
import { setUiLanguage } from './i18n/locale';
import { dayRange, isAtLeastAsRecent, mergeListed, placeInDay, readDay, upsertSale, upsertSales, type DayRange } from './today';

export const NOTE_MAX_CHARS = 200;

/** What one press of Charge asks for (issue 12: a tip, the customer's email, the sale it completes). */
export interface ChargeRequest {
  amount: string;
  note: string;
  tip?: string;
  customerEmail?: string;
  linkedSaleId?: string;
}

/** A charge the gateway (or the service) refused before any sale existed: kept to show and to retry. */
export interface ChargeFailure extends ChargeRequest {
  error: PosError;
  /** The attempt's id; reused by Retry when the answer was lost, so the counter never charges twice. */
  requestId: string;
}

export type ErrorPlace = 'status' | 'today' | 'cancel';

/** After this long without the gateway's answer the cashier sees "Still waiting…" and may cancel. */
export const STILL_WAITING_AFTER_MS = 3_000;

/** The charge whose invoice is being created: what the waiting screen shows and cancels. */
export interface ChargeAttempt extends ChargeRequest {
  requestId: string;
}

/** Between Charge and the invoice (issue 12): a large amount to confirm, then the tip to choose. */
export interface PreCharge {
  amount: string;
  stage: 'confirm' | 'tip';
}

export interface CounterState {
  status: PosStatus | null;
  /** What the cashier typed (shared/entry.ts): the amount shown is what Charge charges. */
  entry: Entry;
  note: string;
  /** Given to the gateway, which emails the receipt; kept only for the sale on screen. */
  customerEmail: string;
  preCharge: PreCharge | null;
  /** The email the current sale's receipt goes to, if one was given. */
  emailedTo: string | null;
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
  entry: EMPTY_ENTRY,
  note: '',
  customerEmail: '',
  preCharge: null,
  emailedTo: null,
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
  receiveSales([sale]);
}

/** Sales from events, applied in one state change (renderer/frame-batch.ts gives one batch a frame). */
export function receiveSales(sales: readonly Sale[]): void {
  const state = getState();
  if (sales.some((sale) => placeInDay(sale, state.todayRange) === 'after')) void loadToday(); // midnight passed: start the new day's list
  const inside = sales.filter((sale) => placeInDay(sale, state.todayRange) === 'inside');
  const current = sales.find((sale) => sale.id === state.currentSaleId);
  setState({
    today: inside.length > 0 ? upsertSales(state.today, inside) : state.today,
    currentSale: current && isAtLeastAsRecent(current, state.currentSale) ? current : state.currentSale,
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
    setUiLanguage(result.value.counter.language);
    setState({ status: result.value });
    clearErrorAt('status');
  } else {
    setErrorAt('status', result.error);
  }
}

export async function loadToday(): Promise<void> {
  const range = dayRange(new Date());
  const result = await readDay((query) => pos().listSales(query), range);
  if (!result.ok) {
    setErrorAt('today', result.error);
    return;
  }
  const state = getState();
  const sameDay = state.todayRange.from === range.from;
  setState({ todayRange: range, today: mergeListed(result.value, sameDay ? state.today : [], range) });
  clearErrorAt('today');
}

// ---- charging ------------------------------------------------------------------------------------

/** Whether `requestId` is still the charge the counter is waiting for (not cancelled, not replaced). */
function isCurrentAttempt(requestId: string): boolean {
  return getState().attempt?.requestId === requestId;
}

/** The charge's arguments as startSale takes them: empty optional fields left out. */
function saleArgs(request: ChargeRequest, requestId: string) {
  const note = request.note.trim();
  const email = request.customerEmail?.trim();
  return {
    amount: request.amount,
    ...(note ? { note } : {}),
    ...(request.tip ? { tip: request.tip } : {}),
    ...(email ? { customerEmail: email } : {}),
    ...(request.linkedSaleId ? { linkedSaleId: request.linkedSaleId } : {}),
    requestId,
  };
}

export async function startCharge(request: ChargeRequest, lostRequestId?: string): Promise<void> {
  // Checked and set synchronously, before any await: a second press in the same tick sees inFlight.
  if (getState().inFlight) return;
  let requestId = lostRequestId ?? newRequestId();
  setState({ inFlight: true, preCharge: null, attempt: { ...request, requestId }, slowGateway: false, chargeFailure: null, currentSaleId: null, currentSale: null, emailedTo: request.customerEmail?.trim() || null });
  clearErrorAt('cancel');
  const slow = setTimeout(() => {
    if (isCurrentAttempt(requestId)) setState({ slowGateway: true });
  }, STILL_WAITING_AFTER_MS);
  const send = (id: string) => pos().startSale(saleArgs(request, id));
  let result = await send(requestId);
  if (lostRequestId && result.ok && result.value.status === 'failed' && isCurrentAttempt(requestId)) {
    // The lost attempt did reach the counter, and its invoice failed: this Retry is a new attempt.
    requestId = newRequestId();
    setState({ attempt: { ...request, requestId } });
    result = await send(requestId);
  }
  clearTimeout(slow);
  // Cancelled from the waiting screen meanwhile: that screen already shows the outcome.
  if (!isCurrentAttempt(requestId)) return;
  setState({ attempt: null, slowGateway: false });
  if (!result.ok) {
    setState({ inFlight: false, chargeFailure: { ...request, error: result.error, requestId } });
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

/** Back to an empty keypad (or one starting with `entry`). The finished sale stays in today's list; the display idles. */
export function newSale(entry: Entry = EMPTY_ENTRY): void {
  if (getState().inFlight) return;
  const hadSale = getState().currentSaleId !== null;
  setState({ entry, note: '', customerEmail: '', preCharge: null, emailedTo: null, currentSaleId: null, currentSale: null, chargeFailure: null });
  clearErrorAt('cancel');
  if (hadSale) void pos().setCurrentSale({ saleId: null });
}

/** Whether the sale is the one on the cashier's screen now. */
export function isCurrentSale(saleId: string): boolean {
  return getState().currentSaleId === saleId;
}

/** The status a sale had on this screen before an event (today's list or the current sale); null when unknown. */
export function knownStatus(saleId: string): SaleStatus | null {
  const state = getState();
  if (state.currentSale?.id === saleId) return state.currentSale.status;
  return state.today.find((sale) => sale.id === saleId)?.status ?? null;
}
