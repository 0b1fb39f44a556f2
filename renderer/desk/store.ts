// The owner's desk: which view is on screen, which receipt is open, and a revision that owner
// actions and a reconnect bump so every open view reads the truth again. Kept apart from the
// counter's store so the cashier's flow never re-renders for the owner's screens.
import { create } from 'zustand';
import { loadToday } from '../store';

export const VIEWS = ['sell', 'history', 'day-close', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABEL: Readonly<Record<View, string>> = {
  sell: 'Sell',
  history: 'History',
  'day-close': 'Day close',
  settings: 'Settings',
};

export interface DeskState {
  view: View;
  /** The sale whose receipt is open, or null. */
  receiptSaleId: string | null;
  /** Bumped after an owner action or a reconnect: history, day close and the open receipt read again. */
  revision: number;
}

export const useDesk = create<DeskState>()(() => ({ view: 'sell', receiptSaleId: null, revision: 0 }));

export function showView(view: View): void {
  useDesk.setState({ view, receiptSaleId: null });
}

export function openReceipt(saleId: string): void {
  useDesk.setState({ receiptSaleId: saleId });
}

export function closeReceipt(): void {
  useDesk.setState({ receiptSaleId: null });
}

/** Every open owner's view reads again (live updates came back; what they missed is gone). */
export function refreshOwnerViews(): void {
  useDesk.setState((state) => ({ revision: state.revision + 1 }));
}

/** After an owner action changed a sale: every view reads again, and so does today's list. */
export function saleChanged(): void {
  refreshOwnerViews();
  void loadToday();
}
