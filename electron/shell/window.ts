// The register window and the guards every web contents gets. Each security flag is written out
// even where it matches Electron's default, so a future default change cannot loosen the window
// silently and a reviewer can see the whole policy in one place.
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { isAppOrigin } from './app-protocol';

export interface PosWindowOptions {
  /** Absolute path of dist/electron/preload.cjs. */
  preloadPath: string;
  /** DevTools only in a development run; a packaged till has no use for them. */
  devTools: boolean;
}

export function posWebPreferences(options: PosWindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A file dropped on the window would otherwise replace the register with that file.
    navigateOnDragDrop: false,
    // The spellchecker downloads dictionaries from Google; a till types amounts, not prose.
    spellcheck: false,
    devTools: options.devTools,
  };
}

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createPosWindow(BrowserWindowCtor: BrowserWindowClass, options: PosWindowOptions): BrowserWindow {
  const window = new BrowserWindowCtor({
    title: 'Mitilena Counter',
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 600,
    // Shown once painted, so the cashier never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: posWebPreferences(options),
  });
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
}

type GuardedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;
const guarded = new WeakSet<GuardedContents>();

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparseable url)';
  }
}

/**
 * No popups, no navigation or redirect away from app://counter, no <webview>. Applied to the
 * register window and, from main.ts, to every web contents Electron ever creates.
 */
export function guardWebContents(contents: GuardedContents): void {
  // The register window is guarded at creation and again by web-contents-created; once is enough.
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[window] refused to open a window for ${originOf(url)}`);
    return { action: 'deny' };
  });
  const keepOnAppOrigin = (event: { url: string; preventDefault(): void }): void => {
    if (isAppOrigin(event.url)) return;
    event.preventDefault();
    console.warn(`[window] blocked navigation to ${originOf(event.url)}`);
  };
  contents.on('will-navigate', keepOnAppOrigin);
  // will-navigate only reports the main frame; a subframe navigating is reported here.
  contents.on('will-frame-navigate', keepOnAppOrigin);
  contents.on('will-redirect', keepOnAppOrigin);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('[window] refused to attach a <webview>');
  });
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/** The register needs no camera, microphone, location, notifications, USB, HID or serial port. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`[window] denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
