// Electron's side of the owner's desk: the system browser for block explorer links, save dialogs
// for the CSV export, and printing the focused page to PDF. The Electron pieces come in as
// parameters, so this is tested with a double and the core never imports 'electron'.
import { writeFile } from 'node:fs/promises';
import type { OwnerHost, SaveFileKind } from '../pos/owner/types';

interface SaveDialogResult {
  canceled: boolean;
  filePath?: string;
}

interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

const SAVE_DIALOGS: Record<SaveFileKind, { title: string; filter: { name: string; extensions: string[] } }> = {
  csv: { title: 'Export sales as CSV', filter: { name: 'CSV', extensions: ['csv'] } },
  diagnostics: { title: 'Export diagnostics for support', filter: { name: 'Zip archive', extensions: ['zip'] } },
};

/** The parts of a BrowserWindow this needs. */
export interface OwnerWindow {
  webContents: { printToPDF(options: { printBackground?: boolean; pageSize?: 'A4' }): Promise<Uint8Array> };
}

export interface ElectronOwnerPieces<W extends OwnerWindow = OwnerWindow> {
  shell: { openExternal(url: string): Promise<void> };
  dialog: {
    showSaveDialog(window: W, options: SaveDialogOptions): Promise<SaveDialogResult>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogResult>;
  };
  /** The window the owner is looking at (its page is what gets printed); null when none. */
  currentWindow(): W | null;
  /** Where dialogs start, e.g. app.getPath('documents'). */
  defaultDirectory?: () => string;
  writeFile?: (path: string, data: Uint8Array) => Promise<void>;
}

/** Only https: a block explorer link is never a file:, javascript: or custom-scheme URL. */
export function isOpenableUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function createElectronOwnerHost<W extends OwnerWindow>(pieces: ElectronOwnerPieces<W>): OwnerHost {
  const write = pieces.writeFile ?? ((path: string, data: Uint8Array) => writeFile(path, data));
  const startAt = (name: string): string => {
    const directory = pieces.defaultDirectory?.();
    return directory ? `${directory.replace(/[\\/]+$/, '')}/${name}` : name;
  };
  const askWhere = (options: SaveDialogOptions): Promise<SaveDialogResult> => {
    const window = pieces.currentWindow();
    return window ? pieces.dialog.showSaveDialog(window, options) : pieces.dialog.showSaveDialog(options);
  };
  const pathFrom = (result: SaveDialogResult): string | null => (result.canceled || !result.filePath ? null : result.filePath);

  return {
    async openExternal(url) {
      if (!isOpenableUrl(url)) throw new Error('Only https links are opened in the system browser');
      await pieces.shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (reviewed: https only, and the URL is built by the core from a stored transaction hash)
    },

    async chooseSavePath(suggestedName, kind = 'csv') {
      const { title, filter } = SAVE_DIALOGS[kind];
      return pathFrom(await askWhere({ title, defaultPath: startAt(suggestedName), filters: [filter] }));
    },

    async savePdf(suggestedName) {
      const window = pieces.currentWindow();
      if (!window) return null;
      const name = suggestedName.toLowerCase().endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`;
      const path = pathFrom(await pieces.dialog.showSaveDialog(window, { title: 'Save as PDF', defaultPath: startAt(name), filters: [{ name: 'PDF', extensions: ['pdf'] }] }));
      if (!path) return null;
      // The page is printed once the dialog has closed, so the PDF is the page, not the dialog.
      const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      await write(path, pdf);
      return path;
    },
  };
}
