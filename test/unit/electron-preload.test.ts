import { describe, expect, it, vi } from 'vitest';
import type { IpcRenderer } from 'electron';
import { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosApi } from '../../shared/api';
import { createPosBridge } from '../../electron/shell/bridge';
import { createRendererDouble } from '../helpers/electron-double';

// The preload imports 'electron', which cannot load outside Electron: give it the double.
vi.mock('electron', async () => (await import('../helpers/electron-double')).createRendererDouble());

function bridge() {
  const double = createRendererDouble();
  return { ...double, pos: createPosBridge(double.ipcRenderer as unknown as IpcRenderer) };
}

describe('window.pos', () => {
  it('has exactly one function per PosApi method, plus on', () => {
    const { pos } = bridge();
    expect(Object.keys(pos).sort()).toEqual([...POS_METHOD_NAMES, 'on'].sort());
    for (const value of Object.values(pos)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(pos)).toBe(true);
  });

  it('invokes each method on its own channel with the arguments, and returns the answer', async () => {
    const { pos, invocations } = bridge();
    expect(await pos.startSale({ amount: '3.20' })).toEqual({ ok: true, value: { channel: 'pos:startSale' } });
    await pos.listSales({ limit: 10 });
    expect(invocations).toEqual([
      { channel: channelFor('startSale'), args: [{ amount: '3.20' }] },
      { channel: channelFor('listSales'), args: [{ limit: 10 }] },
    ]);
  });

  it('exposes no ipcRenderer, process, send or generic channel access', () => {
    const { pos } = bridge();
    for (const key of ['ipcRenderer', 'process', 'send', 'invoke', 'removeAllListeners', 'off', 'once']) {
      expect(key in pos, key).toBe(false);
    }
  });

  it('on() delivers the payload alone, never the IPC event', () => {
    const { pos, ipcRenderer } = bridge();
    const listener = vi.fn();
    pos.on('sale-updated', listener);
    const ipcEvent = { sender: ipcRenderer, ports: [] };
    ipcRenderer.emit(channelFor('sale-updated'), ipcEvent, { id: 'sale-1' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ id: 'sale-1' });
  });

  it('on() accepts every PosApi event', () => {
    const { pos, ipcRenderer } = bridge();
    for (const event of POS_EVENT_NAMES) {
      pos.on(event, () => {});
      expect(ipcRenderer.listenerCount(channelFor(event))).toBe(1);
    }
  });

  it.each(['pos:sale-updated', 'sale-update', 'startSale', 'ELECTRON_BROWSER_WINDOW_ALERT', '__proto__', 'constructor', ''])(
    'on() refuses the unknown event %j',
    (event) => {
      const { pos, ipcRenderer } = bridge();
      expect(() => (pos.on as (event: string, listener: () => void) => void)(event, () => {})).toThrow(/unknown event/);
      expect(ipcRenderer.eventNames()).toEqual([]);
    },
  );

  it('on() refuses a listener that is not a function', () => {
    const { pos } = bridge();
    expect(() => (pos.on as (event: string, listener: unknown) => void)('sale-updated', 'alert(1)')).toThrow(TypeError);
  });

  it("on()'s unsubscribe removes exactly that listener, once", () => {
    const { pos, ipcRenderer } = bridge();
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = pos.on('sale-updated', first);
    pos.on('sale-updated', second);
    unsubscribeFirst();
    unsubscribeFirst();
    ipcRenderer.emit(channelFor('sale-updated'), {}, { id: 'sale-2' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(ipcRenderer.listenerCount(channelFor('sale-updated'))).toBe(1);
  });
});

describe('the preload script', () => {
  it('exposes window.pos built from the contract, and nothing else', async () => {
    const electron = (await import('electron')) as unknown as ReturnType<typeof createRendererDouble>;
    await import('../../electron/shell/preload');
    expect(Object.keys(electron.exposed)).toEqual(['pos']);
    const pos = electron.exposed.pos as PosApi;
    expect(Object.keys(pos).sort()).toEqual([...POS_METHOD_NAMES, 'on'].sort());
    await pos.getStatus({});
    expect(electron.invocations).toEqual([{ channel: channelFor('getStatus'), args: [{}] }]);
  });
});
