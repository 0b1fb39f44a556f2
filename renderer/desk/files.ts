// What leaves the app as a file: a printed part of the page, the same part as PDF (Electron), the
// CSV export of a range, and the diagnostics zip for support.
import type { DeskScope, PosValue } from '../../shared/api';
import type { Result } from '../../shared/result';
import { withOwner } from '../access/store';
import { installedBridge, pos } from '../bridge/installed';
import type { InstantRange } from './ranges';

export type PrintPart = 'receipt' | 'day-close' | 'z-report' | 'z-report-roll';

/**
 * Prints one part of the page: the print CSS shows only `[data-print-target=<part>]` while
 * `data-printing` on <html> names it. window.print() blocks until the dialog closes.
 */
export function printPart(part: PrintPart): void {
  document.documentElement.dataset.printing = part;
  try {
    window.print();
  } finally {
    delete document.documentElement.dataset.printing;
  }
}

/** Only the Electron window has a save dialog to print into. */
export function canSavePdf(): boolean {
  return installedBridge().carrier === 'ipc';
}

export type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable'; message: string } | { kind: 'error'; message: string };

/** Electron: the same part saved as PDF through the main process's save dialog. */
export async function savePartAsPdf(part: PrintPart, suggestedName: string): Promise<PdfOutcome> {
  document.documentElement.dataset.printing = part;
  try {
    const result = await pos().savePdf({ suggestedName });
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

/** Electron saves through a dialog (path); browser mode gets a one-time link (downloadUrl). Owner only. */
export function exportSalesCsv(range: InstantRange, bom: boolean, scope: DeskScope = 'counter'): Promise<Result<PosValue<'exportCsv'>>> {
  return withOwner(() => pos().exportCsv({ from: range.from, to: range.to, bom, ...(scope === 'shop' ? { scope } : {}) }));
}

/** Owner-only. Electron saves the zip through a dialog (path); browser mode gets a one-time link (downloadUrl). */
export function exportDiagnostics(): Promise<Result<PosValue<'exportDiagnostics'>>> {
  return pos().exportDiagnostics({});
}

/** Browser mode: the browser fetches a one-time download link as a file; the page stays where it is. */
export function offerDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
