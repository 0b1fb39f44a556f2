// The Electron lifecycle of the till: one instance, one register window, the core started before
// the window and closed before the process exits. Electron arrives as a parameter, so this runs
// in unit tests with a double (the Electron binary cannot run there).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { App, BrowserWindow } from 'electron';
import type { AppLogger } from '../pos/logs/logger';
import type { LogLine } from '../pos/logs/record';
import type { SecretStore } from '../pos/settings/secrets';
import type { CounterHost } from '../pos/counter/handlers';
import { createDisplayWindow, DISPLAY_ENTRY_URL } from './display-window';
import { listPrinters, printSilently } from './receipt-printer';
import { APP_ENTRY_URL, registerAppProtocol, registerAppScheme } from './app-protocol';
import { installCrashGuard } from './crash';
import { registerPosIpc } from './ipc';
import { posMenuTemplate } from './menu';
import type { TillUpdates } from './updates';
import { createPosWindow, denyAllPermissions, guardWebContents } from './window';
import type { ElectronMain, MainCore, MainDeps, MainRun } from './lifecycle-types';

export type { ElectronMain, MainCore, MainCoreOptions, MainDeps, MainRun, StartCore } from './lifecycle-types';

/** How long a quit waits for the webhook listener and the database to close before giving up. */
export const SHUTDOWN_TIMEOUT_MS = 5_000;
/** The longest the start's work after the first screen waits for the register's page to load. */
export const FIRST_SCREEN_WAIT_MS = 30_000;

/**
 * In a development run better-sqlite3 must be the build that scripts/electron-native.mjs made for
 * Electron's ABI (node_modules keeps the Node build for the tests). A packaged app's
 * node_modules is already rebuilt for Electron by electron-builder, so it needs no override.
 */
export function electronNativeBinding(
  app: Pick<App, 'isPackaged' | 'getAppPath'>,
  fileExists: (file: string) => boolean = existsSync,
): string | undefined {
  if (app.isPackaged) return undefined;
  const binding = path.join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  if (!fileExists(binding)) {
    throw new Error(
      `The Electron build of better-sqlite3 is missing (${binding}). Run "node scripts/electron-native.mjs" or start the app with "npm start", which does it for you.`,
    );
  }
  return binding;
}

/** Without a secret store nothing can be saved: the till runs on the sandbox and says why. */
const NO_SECRET_STORE: SecretStore = {
  kind: 'plain-text',
  warning: 'No secret storage is available in this build, so an API key cannot be saved.',
  get: async () => null,
  set: async () => {
    throw new Error('No secret storage is available in this build.');
  },
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function runMain(electron: ElectronMain, deps: MainDeps): MainRun {
  const { app } = electron;
  // Both must happen before `ready`; neither depends on holding the lock.
  registerAppScheme(electron.protocol);
  app.enableSandbox();

  // A second till on the same data directory would fight over the database and the webhook port.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { started: Promise.resolve() };
  }
  const till = new Till(electron, deps);
  till.listen();
  const started = app
    .whenReady()
    .then(() => till.startUp())
    .catch((error: unknown) => {
      electron.dialog.showErrorBox('Mitilena Counter could not start', messageOf(error));
      // Through before-quit, so a core that did start is still closed.
      app.quit();
    });
  return { started };
}

/** The running desktop app: its one register window, its core, and the way out. */
class Till {
  private window: BrowserWindow | null = null;
  private display: BrowserWindow | null = null;
  private starting: Promise<MainCore> | null = null;
  private disposeIpc: (() => void) | null = null;
  private phase: 'running' | 'closing' | 'closed' = 'running';
  private updates: TillUpdates | null = null;
  /** Opened once the register window has loaded its page (or could not): the core's start work may begin. */
  private readonly firstScreen: { shown: Promise<void>; open: () => void };
  private restarting = false;
  private readonly logger: AppLogger | null;
  private readonly log: LogLine;

  constructor(
    private readonly electron: ElectronMain,
    private readonly deps: MainDeps,
  ) {
    // Opened first, so an error anywhere later (the core's start included) is in the log.
    this.logger = deps.openLogger?.(electron.app.getPath('userData')) ?? null;
    this.log = this.logger?.log ?? ((line) => console.log(`[counter] ${line}`));
    let open = (): void => {};
    const loaded = new Promise<void>((resolve) => {
      open = resolve;
    });
    // A page load that never settles (a renderer lost mid-load) must not keep the expiry sweep,
    // recovery and the backups from ever starting: they begin after FIRST_SCREEN_WAIT_MS at the latest.
    const shown = Promise.race([loaded, sleep(FIRST_SCREEN_WAIT_MS, undefined, { ref: false })]);
    this.firstScreen = { shown, open };
  }

  listen(): void {
    const { app } = this.electron;
    if (this.deps.crashSignals) {
      installCrashGuard({ signals: this.deps.crashSignals, log: this.log, dialog: this.electron.dialog, window: () => this.window, restart: () => this.restart() });
    }
    app.on('second-instance', () => {
      const window = this.window;
      if (!window || window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    });
    // Defence in depth: whatever web contents Electron creates gets the same guards as the register.
    app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
    // One register window; closing it closes the till (macOS included), so the core shuts down too.
    app.on('window-all-closed', () => app.quit());
    app.on('before-quit', (event) => {
      if (this.phase === 'closed') return;
      event.preventDefault();
      if (this.phase === 'closing') return;
      this.phase = 'closing';
      void this.shutDown().finally(() => {
        this.phase = 'closed';
        app.quit();
      });
    });
  }

  async startUp(): Promise<void> {
    const { electron, deps } = this;
    const { app } = electron;
    denyAllPermissions(electron.session.defaultSession);
    const openDisplay = () => this.openDisplay();
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(posMenuTemplate(deps.platform ?? process.platform, !app.isPackaged, { openDisplay })));
    registerAppProtocol(electron.protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
    let core: MainCore;
    try {
      this.starting = Promise.resolve().then(async () => {
        const dataDir = app.getPath('userData');
        return deps.startCore({
          dataDir,
          secrets: deps.openSecrets ? await deps.openSecrets(dataDir) : NO_SECRET_STORE,
          host: deps.ownerHost?.(() => this.window),
          counterHost: this.counterHost(),
          // The desktop app's safety net: TRC20 watched through TronGrid's public endpoint unless switched off.
          publicExplorers: true,
          // The expiry sweep, chain recovery and the day's backup wait for the register's first screen.
          startWork: { after: this.firstScreen.shown },
          nativeBinding: electronNativeBinding(app, deps.fileExists),
          ...(this.logger ? { logger: this.logger } : { log: (line: string) => console.log(`[core] ${line}`) }),
        });
      });
      core = await this.starting;
    } catch (error) {
      electron.dialog.showErrorBox('Mitilena Counter could not start', messageOf(error));
      app.exit(1);
      return;
    }
    // Quit was requested while the core was starting; before-quit is already closing it.
    if (this.phase !== 'running') return;
    this.updates = deps.startUpdates?.({ log: this.log, openSales: () => core.openSales() }) ?? null;
    await this.openRegister(core);
  }

  private async openRegister(core: MainCore): Promise<void> {
    const { electron } = this;
    const { app } = electron;
    const register = createPosWindow(electron.BrowserWindow, {
      preloadPath: path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      devTools: !app.isPackaged,
    });
    this.window = register;
    register.on('closed', () => {
      this.window = null;
      // The display follows the register: closing the till closes both.
      if (this.display && !this.display.isDestroyed()) this.display.close();
    });
    // Registered before the page loads, so its first call already finds a handler.
    this.disposeIpc = registerPosIpc(electron.ipcMain, core, register.webContents, () => (this.display && !this.display.isDestroyed() ? this.display.webContents : null));
    try {
      await register.loadURL(APP_ENTRY_URL);
      this.firstScreen.open();
    } catch (error) {
      this.firstScreen.open();
      if (this.phase !== 'running') return; // the window was closed while loading: not an error
      electron.dialog.showErrorBox(
        'The register screen could not be loaded',
        `${messageOf(error)}\n\nIf this is a development checkout, run "npm run build" first.`,
      );
      app.quit();
    }
  }

  /** The customer display and the receipt printer, both through the windows this till owns. */
  private counterHost(): CounterHost {
    return {
      openDisplay: async () => this.openDisplay(),
      printSilently: async (page, printer) => (this.window ? printSilently(this.window.webContents, page, printer) : false),
      listPrinters: async () => (this.window ? listPrinters(this.window.webContents) : []),
    };
  }

  /** Opens the customer display window (on a second screen when there is one), or brings it forward. */
  openDisplay(): void {
    const { electron } = this;
    if (this.phase !== 'running' || !this.window) return;
    if (this.display && !this.display.isDestroyed()) {
      this.display.show();
      return;
    }
    const display = createDisplayWindow(electron.BrowserWindow, electron.screen ?? null, {
      preloadPath: path.join(electron.app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      devTools: !electron.app.isPackaged,
    });
    this.display = display;
    display.on('closed', () => {
      if (this.display === display) this.display = null;
    });
    display.loadURL(DISPLAY_ENTRY_URL).catch((error: unknown) => console.error(`[display] could not load: ${messageOf(error)}`));
  }

  /** The crash screen's Restart: a new instance once this one has closed the core (or given up on it). */
  private restart(): void {
    const { app } = this.electron;
    this.restarting = true;
    app.relaunch();
    app.quit();
    // A main process in trouble may not finish quitting; the relaunch happens at exit either way.
    setTimeout(() => app.exit(0), (this.deps.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS) + 1_000).unref();
  }

  private async shutDown(): Promise<void> {
    this.disposeIpc?.();
    this.disposeIpc = null;
    // Before the core closes: whether a sale is open decides whether an update installs on this quit.
    this.updates?.beforeQuit({ restarting: this.restarting });
    this.updates?.stop();
    // A quit can arrive while the core is still starting; wait for it so it is closed, not leaked.
    const core = await this.starting?.catch(() => null);
    if (!core) return;
    const shutdownTimeoutMs = this.deps.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), shutdownTimeoutMs);
    });
    try {
      const outcome = await Promise.race([core.close().then(() => 'closed' as const), timeout]);
      if (outcome === 'timeout') console.error(`[main] the core did not close within ${shutdownTimeoutMs} ms; quitting anyway`);
    } catch (error) {
      console.error(`[main] closing the core failed: ${messageOf(error)}`);
    } finally {
      clearTimeout(timer);
      this.logger?.close();
    }
  }
}
