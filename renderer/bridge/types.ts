// What the stores hold: PosApi, which carrier brings it, and whether live updates are flowing.
import type { PosApi } from '../../shared/api';

export type ConnectionListener = (connected: boolean) => void;

export interface Bridge {
  pos: PosApi;
  /** 'ipc' inside the Electron window (print to PDF, save dialogs); 'http' in browser mode. */
  carrier: 'ipc' | 'http';
  /**
   * Reports when live updates drop and come back, so the stores can catch up on what they missed.
   * Only the HTTP bridge can drop; IPC cannot.
   */
  watchConnection(listener: ConnectionListener): () => void;
}
