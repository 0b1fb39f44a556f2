// Paid and review alerts (issue 12): a chime when a sale turns paid or needs review (on/off in
// Settings) and, wherever the cashier is (History, Settings, another sale), a toast that leads to
// the sale. Fed by events.ts with the status the screen knew before the event.
import { create } from 'zustand';
import type { Sale, SaleStatus } from '../shared/sale';
import { playChime } from './chime';
import { showView, useDesk, openReceipt } from './desk/store';
import { useCounter } from './store';

export interface Toast {
  id: number;
  saleId: string;
  kind: 'paid' | 'review';
  amountMinor: number;
  currency: string;
}

export const TOAST_SHOWN_MS = 10_000;
const MAX_TOASTS = 4;

export const useAlerts = create<{ toasts: Toast[] }>()(() => ({ toasts: [] }));
let nextId = 1;

/** Which alert a change calls for: a payment arriving (paid) or needing the owner (review). */
export function alertFor(before: SaleStatus | null, sale: Pick<Sale, 'status'>): 'paid' | 'review' | null {
  if (before === sale.status) return null;
  if (sale.status === 'review') return 'review';
  // review → paid is the owner accepting it at the desk, not a payment arriving now.
  if (sale.status === 'paid' && before !== 'review') return 'paid';
  return null;
}

/** A sale changed: chime, and a toast unless the cashier is looking at that very sale. */
export function alertSaleChange(before: SaleStatus | null, sale: Sale): void {
  const kind = alertFor(before, sale);
  if (!kind) return;
  const counter = useCounter.getState();
  if (counter.status?.counter.chime !== false) playChime(kind);
  const onScreen = useDesk.getState().view === 'sell' && counter.currentSaleId === sale.id;
  if (onScreen) return;
  const toast: Toast = { id: nextId++, saleId: sale.id, kind, amountMinor: sale.amountMinor, currency: sale.currency };
  useAlerts.setState((state) => ({ toasts: [...state.toasts.filter((shown) => shown.saleId !== sale.id), toast].slice(-MAX_TOASTS) }));
  setTimeout(() => dismissToast(toast.id), TOAST_SHOWN_MS);
}

export function dismissToast(id: number): void {
  useAlerts.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

/** To the sale: the register when it is the sale on it, its receipt otherwise. */
export function openToast(toast: Toast): void {
  dismissToast(toast.id);
  if (useCounter.getState().currentSaleId === toast.saleId) showView('sell');
  else openReceipt(toast.saleId);
}
