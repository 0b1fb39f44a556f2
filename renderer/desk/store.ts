// The owner's desk: which view is on screen, which receipt is open, and a revision that owner
// actions bump so every open view reads the truth again. Kept apart from the counter's store so
// the cashier's flow never re-renders for the owner's screens.
import { create } from 'zustand';
import type { Sale } from '../../shared/sale';
import { pos } from '../api';
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
  /** Bumped after an owner action: history, day close and the open receipt reload. */
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

/** After an owner action changed a sale: every view reads again, and so does today's list. */
export function saleChanged(_sale: Sale): void {
  useDesk.setState((state) => ({ revision: state.revision + 1 }));
  void loadToday();
}

/**
 * Prints one part of the page: the print CSS shows only `[data-print-target=<part>]` while
 * `data-printing` on <html> names it. window.print() blocks until the dialog closes.
 */
export function printPart(part: 'receipt' | 'day-close'): void {
  document.documentElement.dataset.printing = part;
  try {
    window.print();
  } finally {
    delete document.documentElement.dataset.printing;
  }
}

export type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable'; message: string } | { kind: 'error'; message: string };

/** Electron: the same part saved as PDF through the main process's save dialog. */
export async function savePartAsPdf(part: 'receipt' | 'day-close', suggestedName: string): Promise<PdfOutcome> {
  document.documentElement.dataset.printing = part;
  try {
    const result = await pos.savePdf({ suggestedName });
    if (!result.ok) {
      return result.error.code === 'not-ready'
        ? { kind: 'unavailable', message: result.error.message }
        : { kind: 'error', message: result.error.message };
    }
    return result.value.path ? { kind: 'saved', path: result.value.path } : { kind: 'cancelled' };
  } finally {
    delete document.documentElement.dataset.printing;
  }
}
