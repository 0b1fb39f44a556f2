// Picks the bridge to the core. In Electron the preload has put a PosApi on window.pos; in a browser
// (browser mode) the same PosApi is spoken over HTTP + SSE. The stores never see which.
import type { PosApi } from '../../shared/api';
import { createHttpBridge } from './http';
import { createIpcBridge } from './ipc';
import { tabSessionId, takeSessionToken } from './session-token';

export { isDisplayPage } from './session-token';
import type { Bridge } from './types';

export type { Bridge, ConnectionListener } from './types';

export function pickBridge(host: Window & { pos?: PosApi }): Bridge {
  return host.pos ? createIpcBridge(host.pos) : createHttpBridge(takeSessionToken(), { session: tabSessionId() });
}
