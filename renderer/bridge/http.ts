// PosApi over HTTP + SSE for browser mode: POST /api/<method> with the bearer token, and one
// EventSource on /api/events. Answers go through the same parser as IPC's.
import { POS_EVENT_NAMES, type PosApi, type PosEventName, type PosEventPayload } from '../../shared/api';
import { fail } from '../../shared/result';
import { methodsCalling, readEvent, readHttpReply, type Call } from './reply';
import type { Bridge, ConnectionListener } from './types';

/** Longer than the core's own gateway timeout, so a slow gateway reports itself before we give up. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * EventSource retries dropped connections itself; these are for the ones it gives up on (an HTTP
 * error such as a stale token, or a proxy's 502), backing off so a dead service is not hammered.
 */
export const EVENTS_RETRY_FIRST_MS = 3_000;
export const EVENTS_RETRY_MAX_MS = 30_000;

export const UNREACHABLE_MESSAGE =
  'The counter service is not reachable. Check that it is still running on this computer, then try again.';

export interface HttpBridgeOptions {
  /** Where the counter service is; '' (the default) is the page's own origin. */
  origin?: string;
}

export function createHttpBridge(token: string | null, options: HttpBridgeOptions = {}): Bridge {
  const origin = options.origin ?? '';
  const call: Call = async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(args ?? {}),
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // Sent or not, no answer came back: the sale may exist on the counter.
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return fail('no-answer', `The counter service did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Check today's sales before charging again.`);
      }
      return fail('no-answer', UNREACHABLE_MESSAGE);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined; // not JSON, or the body broke off
    }
    return readHttpReply(method, response.status, body);
  };

  const events = createEventStream(`${origin}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  return { pos: { ...methodsCalling(call), on: events.on }, carrier: 'http', watchConnection: events.watchConnection };
}

type AnyListener = (payload: unknown) => void;

/** One shared EventSource, opened with the first listener and closed with the last. */
function createEventStream(url: string) {
  const listeners = new Map<PosEventName, Set<AnyListener>>(POS_EVENT_NAMES.map((name) => [name, new Set()]));
  const watchers = new Set<ConnectionListener>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let connected = true;
  let retryDelayMs = EVENTS_RETRY_FIRST_MS;

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

  function isIdle(): boolean {
    return watchers.size === 0 && [...listeners.values()].every((set) => set.size === 0);
  }

  function ensureOpen(): void {
    if (!source && !retryTimer) open();
  }

  function closeIfIdle(): void {
    if (!isIdle()) return;
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    connected = true;
  }

  function on<E extends PosEventName>(event: E, listener: (payload: PosEventPayload<E>) => void): () => void {
    const set = listeners.get(event);
    if (!set) return () => {}; // not a contract event: nothing will ever arrive for it
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    ensureOpen();
    return () => {
      set.delete(wrapped);
      closeIfIdle();
    };
  }

  function watchConnection(watcher: ConnectionListener): () => void {
    watchers.add(watcher);
    ensureOpen();
    return () => {
      watchers.delete(watcher);
      closeIfIdle();
    };
  }

  return { on: on as PosApi['on'], watchConnection };
}
