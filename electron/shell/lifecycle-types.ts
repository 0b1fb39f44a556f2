// What the till's lifecycle is given and gives back: the core it starts, the Electron modules it
// uses (a double in unit tests), and its optional seams (secrets, owner host, logs, crash, updates).
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, IpcMain, Menu, Protocol, Session } from 'electron';
import type { PosCore } from '../pos/dispatch';
import type { AppLogger } from '../pos/logs/logger';
import type { LogLine } from '../pos/logs/record';
import type { SecretStore } from '../pos/settings/secrets';
import type { OwnerHost } from '../pos/owner/types';
import type { CounterHost } from '../pos/counter/handlers';
import type { DisplayScreen } from './display-window';
import type { CrashSignals } from './crash';
import type { TillUpdates } from './updates';

/** The part of electron/pos/core.ts's startCore that the lifecycle uses. */
export interface MainCoreOptions {
  dataDir: string;
  secrets: SecretStore;
  /** The shell and dialogs for the owner's desk (explorer links, PDF, CSV save). */
  host?: OwnerHost;
  /** The customer display window and silent receipt printing (issue 12). */
  counterHost?: CounterHost;
  nativeBinding?: string;
  log?: (line: string) => void;
  /** The host's structured log, so the core writes to the same files as the crash guard and the updater. */
  logger?: AppLogger;
  /** Public block explorers as the default safety net (see CoreOptions.publicExplorers). */
  publicExplorers?: boolean;
  /** The start's work that grows with the ledger waits for `after`: the register window's first screen (see CoreOptions.startWork). */
  startWork?: { after?: PromiseLike<unknown> };
}
export interface MainCore extends PosCore {
  /** Sales being created or waiting for payment: the updater installs only when there are none. */
  openSales(): number;
  close(): Promise<void>;
}
export type StartCore = (options: MainCoreOptions) => Promise<MainCore>;

export interface ElectronMain {
  app: Pick<
    App,
    'requestSingleInstanceLock' | 'quit' | 'exit' | 'relaunch' | 'on' | 'whenReady' | 'getPath' | 'getAppPath' | 'isPackaged' | 'enableSandbox'
  >;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  /** Electron's `session` module; defaultSession is only read after `ready`, as Electron requires. */
  session: {
    readonly defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
  };
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  dialog: Pick<Dialog, 'showErrorBox' | 'showMessageBox'>;
  /** Electron's `screen` module (after `ready`): where the customer display goes. */
  screen?: DisplayScreen;
}

export interface MainDeps {
  startCore: StartCore;
  /** Opens the secret store (safeStorage in main.ts); called after `ready`, as safeStorage requires. */
  openSecrets?: (userDataDir: string) => Promise<SecretStore>;
  /** Builds the owner's-desk host around the register window (main.ts: shell and dialog). */
  ownerHost?: (currentWindow: () => BrowserWindow | null) => OwnerHost;
  platform?: NodeJS.Platform;
  fileExists?: (file: string) => boolean;
  shutdownTimeoutMs?: number;
  /** The structured log in <userData>/logs/ (main.ts); without one, lines go to the console. */
  openLogger?: (userDataDir: string) => AppLogger;
  /** Where uncaught errors are heard (main.ts: process); without them, no crash screen. */
  crashSignals?: CrashSignals;
  /** Starts the updater once the core runs (main.ts: electron-updater); without it, no updates. */
  startUpdates?: (till: { log: LogLine; openSales: () => number }) => TillUpdates;
}

export interface MainRun {
  /** Settles once startup has finished, failed, or been skipped (second instance). */
  started: Promise<void>;
}
