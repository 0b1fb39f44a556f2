// Picks the bridge to the core. In Electron the preload has put a PosApi on window.pos; in a
// browser (browser mode) the same PosApi is spoken over HTTP + SSE. Screens never see which.
import type { PosApi } from '../shared/api';
import { createHttpBridge } from './http-bridge';
import { takeSessionToken } from './session-token';

export type ConnectionListener = (connected: boolean) => void;

export interface Bridge {
  pos: PosApi;
  /**
   * Reports when live updates drop and come back, so the store can catch up on what it missed.
   * Only the browser bridge can drop; IPC cannot.
   */
  watchConnection(listener: ConnectionListener): () => void;
}

function pickBridge(): Bridge {
  const preloaded = (window as Window & { pos?: PosApi }).pos;
  if (preloaded) return { pos: preloaded, watchConnection: () => () => {} };
  return createHttpBridge(takeSessionToken());
}

export const bridge: Bridge = pickBridge();
/** True inside the Electron window (print to PDF, save dialogs); false in browser mode. */
export const inElectron: boolean = Boolean((window as Window & { pos?: PosApi }).pos);
export const pos: PosApi = bridge.pos;
