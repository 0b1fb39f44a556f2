// The Electron side of the counter (issue 12), with the Electron double: the customer display window
// (its placement, its security, its watch-only role over IPC, what it is sent), the menu item that
// opens it, and the silent printing of the customer receipt.
import type { Display, IpcMain, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POS_METHOD_NAMES, channelFor } from '../../shared/api';
import { ok } from '../../shared/result';
import type { PosCore, PosHandlers } from '../../electron/pos/dispatch';
import { customerScreen, DISPLAY_ENTRY_URL, displayWindowOptions } from '../../electron/shell/display-window';
import { registerPosIpc } from '../../electron/shell/ipc';
import { runMain, type MainCore, type MainCoreOptions } from '../../electron/shell/lifecycle';
import { posMenuTemplate } from '../../electron/shell/menu';
import { printSilently, receiptPrintOptions } from '../../electron/shell/receipt-printer';
import { posWebPreferences } from '../../electron/shell/window';
import { createMainDouble, FakeIpcMain, FakeWebContents, invokeEvent } from '../helpers/electron-double';

const PRELOAD = '/app/dist/electron/preload.cjs';
const display = (id: number, x: number): Display => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } }) as Display;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the customer display window', () => {
  it('goes full screen on the second display, with the register’s security flags', () => {
    const screen = { getPrimaryDisplay: () => display(1, 0), getAllDisplays: () => [display(1, 0), display(2, 1920)] };
    expect(customerScreen(screen)?.id).toBe(2);
    const options = displayWindowOptions(screen, { preloadPath: PRELOAD, devTools: false });
    expect(options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, fullscreen: true, show: false });
    expect(options.webPreferences).toEqual(posWebPreferences({ preloadPath: PRELOAD, devTools: false }));
  });

  it('is an ordinary window beside the register when there is one screen', () => {
    const screen = { getPrimaryDisplay: () => display(1, 0), getAllDisplays: () => [display(1, 0)] };
    expect(customerScreen(screen)).toBeNull();
    expect(displayWindowOptions(screen, { preloadPath: PRELOAD, devTools: false })).toMatchObject({ width: 800, height: 900 });
    expect(displayWindowOptions(screen, { preloadPath: PRELOAD, devTools: false }).fullscreen).toBeUndefined();
  });

  it('opens from the menu, loads #display, follows the register when it closes', async () => {
    const double = createMainDouble({ appPath: '/repo' });
    let counterHost: MainCoreOptions['counterHost'];
    const core = {
      handlers: Object.fromEntries(POS_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PosHandlers,
      on: vi.fn(() => () => {}),
      openSales: () => 0,
      close: vi.fn(async () => {}),
    } satisfies MainCore;
    const run = runMain(double.electron, {
      startCore: async (options) => {
        counterHost = options.counterHost;
        return core;
      },
      platform: 'linux',
      fileExists: () => true,
    });
    await run.started;
    const menu = double.calls.menus[0] as { template: { label?: string; submenu?: { label: string; click(): void }[] }[] };
    const item = menu.template.find((entry) => entry.label === 'Counter')?.submenu?.[0];
    expect(item?.label).toBe('Customer display');
    item?.click();
    expect(double.windows).toHaveLength(2);
    const shown = double.windows[1]!;
    await vi.waitFor(() => expect(shown.loadedUrls).toEqual([DISPLAY_ENTRY_URL]));
    expect(shown.webContents.windowOpenHandler).not.toBeNull();
    // Asked again (Settings → Open the customer display): the same window comes forward.
    await counterHost?.openDisplay?.();
    expect(double.windows).toHaveLength(2);
    expect(shown.actions).toContain('show');
    double.windows[0]!.close();
    expect(shown.destroyed).toBe(true);
  });

  it('puts the open action in the menu only when there is one', () => {
    expect(posMenuTemplate('linux', false).map((item) => item.label ?? item.role)).toEqual(['editMenu', 'windowMenu']);
    expect(posMenuTemplate('linux', false, { openDisplay: () => {} }).map((item) => item.label ?? item.role)).toEqual(['editMenu', 'Counter', 'windowMenu']);
  });
});

describe('PosApi for the display window over IPC', () => {
  function setUp() {
    const ipcMain = new FakeIpcMain();
    const register = new FakeWebContents();
    register.mainFrame.url = 'app://counter/index.html';
    const shown = new FakeWebContents();
    shown.mainFrame.url = 'app://counter/index.html#display';
    const calls: { method: string; context: unknown }[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const core: PosCore = {
      handlers: Object.fromEntries(POS_METHOD_NAMES.map((method) => [method, async (_args: unknown, context: unknown) => (calls.push({ method, context }), ok({ method }))])) as unknown as PosHandlers,
      on(event, listener) {
        listeners.set(event, listener as (payload: unknown) => void);
        return () => listeners.delete(event);
      },
    };
    let current: FakeWebContents | null = shown;
    registerPosIpc(ipcMain as unknown as IpcMain, core, register as unknown as WebContents, () => current as unknown as WebContents | null);
    return { ipcMain, register, shown, calls, listeners, close: () => (current = null) };
  }

  it('gives the display window the watching role: getDisplay reaches the core, startSale does not', async () => {
    const { ipcMain, shown, calls } = setUp();
    expect(await ipcMain.invoke(channelFor('getDisplay'), invokeEvent(shown), {})).toEqual(ok({ method: 'getDisplay' }));
    expect(calls).toEqual([{ method: 'getDisplay', context: { session: `window-${shown.id}`, role: 'display' } }]);
    const refused = (await ipcMain.invoke(channelFor('startSale'), invokeEvent(shown), { amount: '5.00' })) as { ok: boolean; error: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(calls).toHaveLength(1);
  });

  it('sends the display window what it shows and nothing else; the register gets everything', () => {
    const { register, shown, listeners } = setUp();
    listeners.get('display-changed')?.({ shopName: 'Shop', language: 'en', sale: null });
    listeners.get('sale-updated')?.({ id: 'sale-x' });
    listeners.get('status-changed')?.({ mode: 'sandbox' });
    expect(shown.sent.map((message) => message.channel)).toEqual([channelFor('display-changed')]);
    expect(register.sent.map((message) => message.channel)).toEqual([channelFor('display-changed'), channelFor('sale-updated'), channelFor('status-changed')]);
  });

  it('refuses a closed display window', async () => {
    const { ipcMain, shown, close } = setUp();
    close();
    expect(await ipcMain.invoke(channelFor('getDisplay'), invokeEvent(shown), {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('silent printing of the customer receipt', () => {
  it('prints on a page as wide as the roll and as long as the receipt, on the chosen printer', () => {
    expect(receiptPrintOptions({ paper: '80mm', heightMm: 120.2 }, 'TM-T20')).toEqual({
      silent: true,
      printBackground: false,
      deviceName: 'TM-T20',
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: 121_000 },
    });
    expect(receiptPrintOptions({ paper: '58mm', heightMm: 90 }, null)).toMatchObject({ pageSize: { width: 58_000, height: 90_000 } });
    expect(receiptPrintOptions({ paper: '58mm', heightMm: 90 }, null).deviceName).toBeUndefined();
    expect(receiptPrintOptions({ paper: 'a4', heightMm: 90 }, null)).toMatchObject({ pageSize: 'A4', margins: { marginType: 'default' } });
  });

  it('answers whether the printer took it', async () => {
    const taking = { print: vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) => done(true, '')) };
    expect(await printSilently(taking as unknown as WebContents, { paper: '80mm', heightMm: 100 }, null)).toBe(true);
    const refusing = { print: (_options: unknown, done: (success: boolean, reason: string) => void) => done(false, 'no paper') };
    expect(await printSilently(refusing as unknown as WebContents, { paper: '80mm', heightMm: 100 }, null)).toBe(false);
  });
});
