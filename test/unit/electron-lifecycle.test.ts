import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POS_METHOD_NAMES, channelFor } from '../../shared/api';
import { ok } from '../../shared/result';
import type { PosHandlers } from '../../electron/pos/dispatch';
import { electronNativeBinding, runMain, type MainCore, type MainCoreOptions } from '../../electron/shell/lifecycle';
import { createMainDouble, fakeEvent, invokeEvent, FakeWebContents, type MainDoubleOptions } from '../helpers/electron-double';

const APP_PATH = '/repo';
const NATIVE = path.join(APP_PATH, '.electron-native', 'better_sqlite3.node');

function fakeCore() {
  let resolveClose: () => void = () => {};
  const core = {
    handlers: Object.fromEntries(POS_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PosHandlers,
    on: vi.fn(() => () => {}),
    openSales: vi.fn(() => 0),
    close: vi.fn(() => new Promise<void>((resolve) => (resolveClose = resolve))),
  } satisfies MainCore;
  return { core, finishClosing: () => resolveClose() };
}

function start(options: MainDoubleOptions & { startCore?: (options: MainCoreOptions) => Promise<MainCore>; fileExists?: (file: string) => boolean } = {}) {
  const double = createMainDouble({ appPath: APP_PATH, ...options });
  const running = fakeCore();
  const startCore = vi.fn(options.startCore ?? (async () => running.core));
  const run = runMain(double.electron, {
    startCore,
    platform: 'linux',
    fileExists: options.fileExists ?? ((file) => file === NATIVE),
    shutdownTimeoutMs: 200,
  });
  return { ...double, ...running, startCore, run };
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a second instance', () => {
  it('quits without starting the core or opening a window when the lock is held elsewhere', async () => {
    const till = start({ gotLock: false });
    await till.run.started;
    expect(till.calls.quit).toBe(1);
    expect(till.startCore).not.toHaveBeenCalled();
    expect(till.windows).toEqual([]);
    expect(till.ipcMain.handlers.size).toBe(0);
  });

  it('brings the running register to the front', async () => {
    const till = start();
    await till.run.started;
    const window = till.windows[0]!;
    window.minimized = true;
    till.app.emit('second-instance', fakeEvent(), [], '/');
    expect(window.actions.slice(-3)).toEqual(['restore', 'show', 'focus']);
  });
});

describe('startup', () => {
  it('registers the app scheme and the sandbox before ready', async () => {
    const till = start();
    await till.run.started;
    expect(till.calls.readyAtSchemeRegistration).toBe(false);
    expect(till.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(till.calls.enableSandbox).toBe(1);
  });

  it('starts the core on the user data dir with the Electron build of better-sqlite3', async () => {
    const till = start();
    await till.run.started;
    expect(till.startCore).toHaveBeenCalledOnce();
    expect(till.startCore.mock.calls[0]![0]).toMatchObject({ dataDir: '/fake/user-data', nativeBinding: NATIVE });
  });

  it.each([['loaded', undefined], ['failed to load', new Error('no renderer build')]] as const)(
    "lets the core's start work (expiry sweep, recovery, backup) begin once the register's page has %s",
    async (_outcome, loadFailure) => {
      let seenAtOpen: string[] | null = null;
      const till = start({
        loadFailure,
        startCore: async (options) => {
          void Promise.resolve(options.startWork?.after).then(() => (seenAtOpen = [...(till.windows[0]?.loadedUrls ?? [])]));
          return till.core;
        },
      });
      await till.run.started;
      await Promise.resolve();
      expect(seenAtOpen).toEqual(['app://counter/index.html']);
    },
  );

  it('opens the register on app://counter/index.html with the bundled preload, IPC ready before the load', async () => {
    const till = start();
    await till.run.started;
    const window = till.windows[0]!;
    expect(window.loadedUrls).toEqual(['app://counter/index.html']);
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(APP_PATH, 'dist', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      devTools: true,
    });
    expect([...till.ipcMain.handlers.keys()].sort()).toEqual(POS_METHOD_NAMES.map((name) => channelFor(name)).sort());
    expect(await till.ipcMain.invoke(channelFor('getStatus'), invokeEvent(window.webContents), {})).toEqual(ok('getStatus'));
  });

  it('serves dist/renderer on the app scheme and denies permissions on the default session', async () => {
    const till = start();
    await till.run.started;
    expect([...till.protocolHandlers.keys()]).toEqual(['app']);
    const callback = vi.fn();
    till.permissions.request!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(till.permissions.check!({}, 'media', 'app://counter', {})).toBe(false);
  });

  it('guards every web contents Electron creates', async () => {
    const till = start();
    await till.run.started;
    const stray = new FakeWebContents();
    till.app.emit('web-contents-created', fakeEvent(), stray);
    expect(stray.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(stray.attemptNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stray.attemptWebviewAttach('https://evil.example/')).toBe(true);
  });

  it('sets a minimal menu without developer items when packaged', async () => {
    const till = start({ isPackaged: true });
    await till.run.started;
    const menu = till.calls.menus[0] as { template: { role?: string; label?: string }[] };
    expect(menu.template.map((item) => item.role ?? item.label)).toEqual(['editMenu', 'Counter', 'windowMenu']);
    expect(till.windows[0]!.options.webPreferences).toMatchObject({ devTools: false });
    expect(till.startCore.mock.calls[0]![0].nativeBinding).toBeUndefined();
  });

  it('explains a missing Electron build of better-sqlite3 instead of crashing', async () => {
    const till = start({ fileExists: () => false });
    await till.run.started;
    expect(till.startCore).not.toHaveBeenCalled();
    expect(till.calls.errorBoxes[0]!.content).toContain('scripts/electron-native.mjs');
    expect(till.calls.exits).toEqual([1]);
    expect(till.windows).toEqual([]);
  });

  it('shows why the core could not start and exits without a window', async () => {
    const till = start({ startCore: async () => Promise.reject(new Error('The database was written by a newer version')) });
    await till.run.started;
    expect(till.calls.errorBoxes).toEqual([
      { title: 'Mitilena Counter could not start', content: 'The database was written by a newer version' },
    ]);
    expect(till.calls.exits).toEqual([1]);
    expect(till.windows).toEqual([]);
  });

  it('tells the owner to build when the screen cannot load, and quits cleanly', async () => {
    const till = start({ loadFailure: new Error('ERR_FILE_NOT_FOUND') });
    await till.run.started;
    expect(till.calls.errorBoxes[0]!.content).toContain('npm run build');
    till.finishClosing();
    await vi.waitFor(() => expect(till.app.quitted).toBe(true));
    expect(till.core.close).toHaveBeenCalledOnce();
  });
});

describe('quitting', () => {
  it('holds the quit until IPC is removed and the core has closed, then quits', async () => {
    const till = start();
    await till.run.started;
    till.app.quit();
    expect(till.app.quitted).toBe(false);
    expect(till.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(till.core.close).toHaveBeenCalledOnce());
    till.app.quit(); // a second Cmd-Q while closing changes nothing
    expect(till.app.quitted).toBe(false);
    till.finishClosing();
    await vi.waitFor(() => expect(till.app.quitted).toBe(true));
    expect(till.core.close).toHaveBeenCalledOnce();
  });

  it('quits anyway when the core does not close in time', async () => {
    const till = start();
    await till.run.started;
    till.app.quit();
    await vi.waitFor(() => expect(till.app.quitted).toBe(true), { timeout: 2_000 });
  });

  it('closes a core that was still starting when the quit came', async () => {
    let finishStarting: (core: MainCore) => void = () => {};
    const till = start({ startCore: () => new Promise((resolve) => (finishStarting = resolve)) });
    await vi.waitFor(() => expect(till.startCore).toHaveBeenCalled());
    till.app.quit();
    finishStarting(till.core);
    await till.run.started;
    await vi.waitFor(() => expect(till.core.close).toHaveBeenCalledOnce());
    expect(till.windows).toEqual([]);
    till.finishClosing();
    await vi.waitFor(() => expect(till.app.quitted).toBe(true));
  });

  it('quits when the register window is closed', async () => {
    const till = start();
    await till.run.started;
    till.app.emit('window-all-closed');
    expect(till.calls.quit).toBe(1);
  });
});

describe('electronNativeBinding', () => {
  it('points a development run at .electron-native and a packaged app at its own node_modules', () => {
    expect(electronNativeBinding({ isPackaged: false, getAppPath: () => APP_PATH }, () => true)).toBe(NATIVE);
    expect(electronNativeBinding({ isPackaged: true, getAppPath: () => APP_PATH }, () => false)).toBeUndefined();
  });
});
