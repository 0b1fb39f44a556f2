// A tiny typed emitter for PosApi events; every subscription returns its own unsubscribe.
import type { PosEventName, PosEventPayload } from '../../shared/api';

type Listener<E extends PosEventName> = (payload: PosEventPayload<E>) => void;

export class PosEvents {
  private readonly listeners = new Map<PosEventName, Set<Listener<PosEventName>>>();

  on<E extends PosEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const stored = listener as Listener<PosEventName>;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Whether anyone listens: a payload that costs queries (the status) is not made for nobody. */
  listens(event: PosEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends PosEventName>(event: E, payload: PosEventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One broken subscriber (a closed window) must not stop the others.
        console.error(`[pos] a ${event} listener failed:`, error instanceof Error ? error.message : error);
      }
    }
  }
}
