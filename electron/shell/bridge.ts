// window.pos, built from the contract: one function per POS_METHOD_NAMES entry and a typed on().
// Kept apart from preload.ts so it can be tested without Electron; the preload only exposes it.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { PosApi } from '../../shared/api';
import { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName } from '../../shared/api-names';

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const EVENT_NAMES: ReadonlySet<string> = new Set(POS_EVENT_NAMES);

function isPosEvent(event: unknown): event is PosEventName {
  return typeof event === 'string' && EVENT_NAMES.has(event);
}

export function createPosBridge(ipc: BridgeIpc): PosApi {
  const methods = Object.fromEntries(
    POS_METHOD_NAMES.map((name) => {
      const channel = channelFor(name);
      return [name, (args: unknown) => ipc.invoke(channel, args)];
    }),
  );

  const on = (event: unknown, listener: unknown): (() => void) => {
    // Only the contract's events: the page must not be able to listen on an arbitrary channel.
    if (!isPosEvent(event)) throw new Error(`window.pos.on: unknown event ${JSON.stringify(String(event).slice(0, 64))}`);
    if (typeof listener !== 'function') throw new TypeError('window.pos.on: the listener must be a function');
    const channel = channelFor(event);
    // The IpcRendererEvent (with its sender and ports) stays in the preload; the page gets the payload.
    const forward = (_event: IpcRendererEvent, payload: unknown): void => {
      listener(payload);
    };
    ipc.on(channel, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, forward);
    };
  };

  return Object.freeze({ ...methods, on }) as unknown as PosApi;
}
