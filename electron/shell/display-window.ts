// The customer display window (issue 12): the same page as the register at #display, with the same
// security flags and guards, placed full screen on a second display when there is one. Its IPC calls
// get the 'display' role (ipc.ts), which only watches the current sale.
import type { BrowserWindow, BrowserWindowConstructorOptions, Display, Screen } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { guardWebContents, posWebPreferences, type PosWindowOptions } from './window';

export const DISPLAY_ENTRY_URL = `${APP_ORIGIN}/index.html#display`;

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;
export type DisplayScreen = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;

/** The display the customer faces: the first one that is not the cashier's (primary); null with one screen. */
export function customerScreen(screen: DisplayScreen): Display | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((display) => display.id !== primary.id) ?? null;
}

/** Where the window goes: full screen on the second display, or a window beside the register on a single one. */
export function displayWindowOptions(screen: DisplayScreen | null, options: PosWindowOptions): BrowserWindowConstructorOptions {
  const second = screen ? customerScreen(screen) : null;
  const placed = second ? { ...second.bounds, fullscreen: true } : { width: 800, height: 900 };
  return {
    title: 'Mitilena Counter: customer display',
    ...placed,
    minWidth: 320,
    minHeight: 480,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: posWebPreferences(options),
  };
}

export function createDisplayWindow(BrowserWindowCtor: BrowserWindowClass, screen: DisplayScreen | null, options: PosWindowOptions): BrowserWindow {
  const window = new BrowserWindowCtor(displayWindowOptions(screen, options));
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
}
