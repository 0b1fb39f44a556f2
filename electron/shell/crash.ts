// When the main process meets an error nobody caught: the error goes to the log, and instead of a
// silent exit the register shows "Something went wrong; your sales are safe" with a Restart button.
// Every sale is committed to the ledger before anyone is told about it, so a restart loses nothing.
import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import type { LogLine } from '../pos/logs/record';

export const CRASH_MESSAGE = 'Something went wrong; your sales are safe';
const CRASH_DETAIL =
  'An unexpected error stopped part of Mitilena Counter. Every payment recorded so far is kept in the ledger. ' +
  'Restart the app to carry on; if this keeps happening, export diagnostics from Settings for support.';

/** The process events to hear (main.ts: process itself). */
export type CrashSignals = Pick<NodeJS.Process, 'on' | 'off'>;

export interface CrashGuardPieces<W extends BaseWindow> {
  signals: CrashSignals;
  log: LogLine;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The register window the message is shown on, when there is one. */
  window: () => W | null;
  /** app.relaunch() and a quit that still closes the core. */
  restart: () => void;
}

function describe(kind: string, error: unknown): string {
  if (error instanceof Error) return `crash: ${kind}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`;
  return `crash: ${kind}: ${String(error)}`;
}

/** Hears uncaught exceptions and unhandled rejections; returns the removal. */
export function installCrashGuard<W extends BaseWindow>(pieces: CrashGuardPieces<W>): () => void {
  let showing = false;
  const crashed = (kind: string) => (error: unknown): void => {
    pieces.log(describe(kind, error), 'error');
    // One message at a time: a second error while it is up is logged, not stacked.
    if (showing) return;
    showing = true;
    const options: MessageBoxOptions = { type: 'error', title: 'Mitilena Counter', message: CRASH_MESSAGE, detail: CRASH_DETAIL, buttons: ['Restart'], defaultId: 0, noLink: true };
    const window = pieces.window();
    const shown = window && !window.isDestroyed() ? pieces.dialog.showMessageBox(window, options) : pieces.dialog.showMessageBox(options);
    void shown.then(
      () => pieces.restart(),
      () => pieces.restart(),
    );
  };
  const onException = crashed('uncaught exception');
  const onRejection = crashed('unhandled rejection');
  pieces.signals.on('uncaughtException', onException);
  pieces.signals.on('unhandledRejection', onRejection);
  return () => {
    pieces.signals.off('uncaughtException', onException);
    pieces.signals.off('unhandledRejection', onRejection);
  };
}
