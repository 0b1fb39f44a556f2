import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName } from '../../shared/api';
import { ok } from '../../shared/result';
import type { PosCore, PosHandlers } from '../../electron/pos/dispatch';
import { isTrustedSender, registerPosIpc } from '../../electron/shell/ipc';
import { FakeIpcMain, FakeWebContents, FakeWebFrame, invokeEvent } from '../helpers/electron-double';

/** A core whose handlers record what reached them, and whose events the test can fire. */
function recordingCore() {
  const calls: { method: string; args: unknown; context?: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const handlers = Object.fromEntries(
    POS_METHOD_NAMES.map((method) => [
      method,
      async (args: unknown, context: unknown) => {
        calls.push({ method, args, context });
        return ok({ method });
      },
    ]),
  ) as unknown as PosHandlers;
  const core: PosCore = {
    handlers,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = (event: PosEventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const listenerCount = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  return { core, calls, emit, listenerCount };
}

describe('PosApi over IPC', () => {
  let ipcMain: FakeIpcMain;
  let register: FakeWebContents;
  let fake: ReturnType<typeof recordingCore>;
  let dispose: () => void;

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    register = new FakeWebContents();
    register.mainFrame.url = 'app://counter/index.html';
    fake = recordingCore();
    dispose = registerPosIpc(ipcMain as unknown as IpcMain, fake.core, register as unknown as WebContents);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    dispose();
    vi.restoreAllMocks();
  });

  it('registers exactly one handler per PosApi method, on its channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(POS_METHOD_NAMES.map((name) => channelFor(name)).sort());
  });

  it('passes a call from the register window through the schema to the core', async () => {
    const result = await ipcMain.invoke(channelFor('startSale'), invokeEvent(register), { amount: '12.50', note: 'coffee' });
    expect(result).toEqual({ ok: true, value: { method: 'startSale' } });
    // The window is the session: an owner's unlock or a cashier's sign-in belongs to it.
    expect(fake.calls).toEqual([{ method: 'startSale', args: { amount: '12.50', note: 'coffee' }, context: { session: `window-${register.id}`, role: 'counter' } }]);
  });

  it('treats missing arguments as an empty object', async () => {
    expect(await ipcMain.invoke(channelFor('getStatus'), invokeEvent(register))).toEqual({ ok: true, value: { method: 'getStatus' } });
  });

  it('answers invalid arguments with invalid-input and changes nothing', async () => {
    for (const args of [{ amount: 12.5 }, { amount: '1', extra: true }, 'startSale', [1]]) {
      const result = (await ipcMain.invoke(channelFor('startSale'), invokeEvent(register), args)) as { ok: boolean; error?: { code: string } };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('invalid-input');
    }
    expect(fake.calls).toEqual([]);
  });

  const refusals: [string, () => object][] = [
    ['a foreign top frame', () => invokeEvent(register, new FakeWebFrame('https://evil.example/'))],
    ['a look-alike origin', () => invokeEvent(register, new FakeWebFrame('app://counter.evil/index.html'))],
    ['a file:// page', () => invokeEvent(register, new FakeWebFrame('file:///tmp/index.html'))],
    ['a missing senderFrame (navigated or destroyed)', () => invokeEvent(register, null)],
    ['a same-origin subframe', () => invokeEvent(register, new FakeWebFrame('app://counter/index.html', register.mainFrame))],
    ['a foreign subframe', () => invokeEvent(register, new FakeWebFrame('https://evil.example/', register.mainFrame))],
    [
      'another web contents showing the app origin',
      () => {
        const other = new FakeWebContents();
        other.mainFrame.url = 'app://counter/index.html';
        return invokeEvent(other);
      },
    ],
  ];

  it.each(refusals)('refuses %s with unauthorized, without calling the core', async (_label, event) => {
    for (const name of POS_METHOD_NAMES) {
      const result = await ipcMain.invoke(channelFor(name), event(), { amount: '1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(fake.calls).toEqual([]);
  });

  it('checks the sender before parsing: a foreign sender with bad input is unauthorized, not invalid-input', async () => {
    const result = await ipcMain.invoke(channelFor('startSale'), invokeEvent(register, new FakeWebFrame('https://evil.example/')), 42);
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forwards every core event to the register page', () => {
    for (const event of POS_EVENT_NAMES) fake.emit(event, { from: event });
    expect(register.sent).toEqual(POS_EVENT_NAMES.map((event) => ({ channel: channelFor(event), payload: { from: event } })));
  });

  it('sends no events to a destroyed window or a page that is not the app', () => {
    register.mainFrame.url = 'https://evil.example/';
    fake.emit('sale-updated', { secret: true });
    register.mainFrame.url = 'app://counter/index.html';
    register.destroyed = true;
    fake.emit('sale-updated', { secret: true });
    expect(register.sent).toEqual([]);
  });

  it('disposes: removes every handler and unsubscribes from the core', () => {
    expect(fake.listenerCount()).toBe(POS_EVENT_NAMES.length);
    dispose();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(fake.listenerCount()).toBe(0);
    fake.emit('sale-updated', {});
    expect(register.sent).toEqual([]);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of the register showing app://counter', () => {
    const register = new FakeWebContents();
    register.mainFrame.url = 'app://counter/index.html';
    const check = (event: object) => isTrustedSender(event as never, register.id);
    expect(check(invokeEvent(register))).toBe(true);
    register.mainFrame.url = 'app://evil/?app://counter';
    expect(check(invokeEvent(register))).toBe(false);
  });
});
