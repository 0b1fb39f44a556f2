// What happens inside the core, as typed events: the parts announce what changed and the core wires
// who reacts (core-parts.ts), instead of parts holding callbacks into parts that do not exist yet. These
// never leave the core; the renderer's events are PosEvents (events.ts).
import type { Sale } from '../../shared/sale';
import type { Reachability } from './tunnel/reachability';
import type { TunnelState } from './tunnel/manager';

export interface CoreEventMap {
  /**
   * The owner saved Settings and they are in force (settings and secrets). Awaited: what follows
   * (the gateway, the tunnel, the explorers) is in place before updateSettings answers.
   */
  'settings-changed': { chainChanged: boolean };
  /** The tunnel's state or URL changed. */
  'tunnel-changed': TunnelState;
  /** The tunnel came online after it was not (the first time, or back after a drop). */
  'tunnel-online': undefined;
  /** The reachability check has a new state (checking, reachable, unreachable). */
  'reachability-changed': Reachability;
  /** The public webhook URL passed its check after it had failed: notices can arrive again. */
  'webhook-reachable-again': undefined;
  /** A notice with the right key could not be read and was kept for the owner. */
  'unread-notice': undefined;
  /** A notice turned a sale paid and named its transaction. */
  'paid-by-notice': Sale;
  /** The chain watch's lines for the owner changed (a payment was recovered). */
  'chain-warnings-changed': undefined;
  /** The cashier charged: a new sale exists (the register's current sale, which a display follows). */
  'sale-started': Sale;
  /** Sale events were appended to the ledger (every write path announces its sale as sale-updated). */
  'sales-recorded': undefined;
  /** The shop ledger's replication has news for the status bar (issue 15). */
  'shop-ledger-changed': undefined;
}

export type CoreEventName = keyof CoreEventMap;
type Listener<E extends CoreEventName> = (payload: CoreEventMap[E]) => void | Promise<void>;

export class CoreEvents {
  private readonly listeners = new Map<CoreEventName, Listener<CoreEventName>[]>();
  private closed = false;

  constructor(private readonly log?: (line: string) => void) {}

  /** Listeners run in the order they were added; returns the unsubscribe. */
  on<E extends CoreEventName>(event: E, listener: Listener<E>): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<CoreEventName>);
    this.listeners.set(event, list);
    return () => {
      const index = list.indexOf(listener as Listener<CoreEventName>);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Tells every listener; one that fails is logged and the others still hear it. */
  emit<E extends CoreEventName>(event: E, payload: CoreEventMap[E]): void {
    if (this.closed) return;
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        const running = listener(payload);
        if (running instanceof Promise) running.catch((error: unknown) => this.failed(event, error));
      } catch (error) {
        this.failed(event, error);
      }
    }
  }

  /** Tells every listener one after another, waiting for each; the first failure is the caller's. */
  async settle<E extends CoreEventName>(event: E, payload: CoreEventMap[E]): Promise<void> {
    if (this.closed) return;
    for (const listener of [...(this.listeners.get(event) ?? [])]) await listener(payload);
  }

  /** The core is closing: nothing reacts any more (a tunnel stopping, a late check). */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private failed(event: CoreEventName, error: unknown): void {
    this.log?.(`core: a ${event} listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
