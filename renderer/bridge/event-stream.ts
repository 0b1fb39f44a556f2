// Browser mode's live updates: one EventSource on /api/events shared by every listener, opened
// with the first and closed with the last, each payload checked against the contract.
import { POS_EVENT_NAMES, type PosApi, type PosEventName, type PosEventPayload } from '../../shared/api';
import { readEvent } from './reply';
import type { ConnectionListener } from './types';

/**
 * EventSource retries dropped connections itself; these are for the ones it gives up on (an HTTP
 * error such as a stale token, or a proxy's 502), backing off so a dead service is not hammered.
 */
export const EVENTS_RETRY_FIRST_MS = 3_000;
export const EVENTS_RETRY_MAX_MS = 30_000;

type Deliver = (name: PosEventName, data: unknown) => void;

/** The connection: opened on demand, opened again with backoff when the browser gives up on it. */
function createSource(url: string, deliver: Deliver, setConnected: (connected: boolean) => void) {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelayMs = EVENTS_RETRY_FIRST_MS;

  function open(): void {
    retryTimer = null;
    const next = new EventSource(url);
    source = next;
    for (const name of POS_EVENT_NAMES) {
      next.addEventListener(name, (message) => deliver(name, (message as MessageEvent<unknown>).data));
    }
    next.onopen = () => {
      retryDelayMs = EVENTS_RETRY_FIRST_MS;
      setConnected(true);
    };
    next.onerror = () => {
      setConnected(false);
      if (next.readyState === EventSource.CLOSED && source === next) {
        source = null;
        retryTimer = setTimeout(open, retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, EVENTS_RETRY_MAX_MS);
      }
    };
  }

  return {
    ensureOpen(): void {
      if (!source && !retryTimer) open();
    },
    close(): void {
      source?.close();
      source = null;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}

type AnyListener = (payload: unknown) => void;

export function createEventStream(url: string): { on: PosApi['on']; watchConnection: (watcher: ConnectionListener) => () => void } {
  const listeners = new Map<PosEventName, Set<AnyListener>>(POS_EVENT_NAMES.map((name) => [name, new Set()]));
  const watchers = new Set<ConnectionListener>();
  let connected = true;

  function setConnected(next: boolean): void {
    if (next === connected) return;
    connected = next;
    for (const watcher of [...watchers]) watcher(next);
  }

  function deliver(name: PosEventName, data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      console.warn(`[events] ${name}: the counter service sent something that is not JSON; ignored`);
      return;
    }
    const payload = readEvent(name, json);
    if (payload === null) return;
    for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
  }

  const source = createSource(url, deliver, setConnected);

  /** Closed with the last listener; the next one starts afresh, connected until told otherwise. */
  function closeIfIdle(): void {
    if (watchers.size > 0 || [...listeners.values()].some((set) => set.size > 0)) return;
    source.close();
    connected = true;
  }

  function on<E extends PosEventName>(event: E, listener: (payload: PosEventPayload<E>) => void): () => void {
    const set = listeners.get(event);
    if (!set) return () => {}; // not a contract event: nothing will ever arrive for it
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    source.ensureOpen();
    return () => {
      set.delete(wrapped);
      closeIfIdle();
    };
  }

  function watchConnection(watcher: ConnectionListener): () => void {
    watchers.add(watcher);
    source.ensureOpen();
    return () => {
      watchers.delete(watcher);
      closeIfIdle();
    };
  }

  return { on: on as PosApi['on'], watchConnection };
}
