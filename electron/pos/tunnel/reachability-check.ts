// The reachability check over time: a new public URL is checked at once (Charge waits for it), a
// failed check is repeated every 30 s so a proxy that comes up later unblocks Charge, a passed one is
// quietly re-proved every 5 minutes so a proxy that went down shows. A result for a URL that is no
// longer current is dropped. In the sandbox only the owner's "Check again" runs it (against the
// listener's own URL). It tells the core through its events, never through callbacks.
import type { CoreEvents } from '../core-events';
import { probeWebhook, UNKNOWN, type ProbeOptions, type Reachability } from './reachability';

/** A failed check is repeated on its own this often, so a proxy that comes up later unblocks Charge. */
export const REACHABILITY_RETRY_MS = 30_000;
/** A passed check is repeated this often (silently: Charge stays open meanwhile), so a proxy that went down shows. */
export const REACHABILITY_RECHECK_MS = 5 * 60_000;

export interface ReachabilityCheckOptions {
  events: CoreEvents;
  /** Where notices go now, and whether that is live mode (only live mode is checked on its own). */
  route: () => { live: boolean; webhookUrl: string | null };
  armProbe: ProbeOptions['armProbe'];
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export class ReachabilityCheck {
  private reachability: Reachability = UNKNOWN;
  /** The URL the current result is about. */
  private url: string | null = null;
  private generation = 0;
  private recheck: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: ReachabilityCheckOptions) {}

  /** The last result and the URL it is about. */
  state(): { reachability: Reachability; url: string | null } {
    return { reachability: this.reachability, url: this.url };
  }

  /** Checks the current public URL now (the owner's "Check again", or a new URL). */
  async run(): Promise<Reachability> {
    const { live, webhookUrl: url } = this.options.route();
    const generation = ++this.generation;
    const wasUnreachable = this.reachability.state === 'unreachable';
    this.stopRecheck();
    if (url === null) {
      this.reachability = { state: 'unreachable', message: 'There is no public URL yet, so nothing can be checked.', checkedAt: this.options.now().toISOString() };
      this.url = null;
      return this.reachability;
    }
    // Re-proving a URL that already passed keeps Charge open meanwhile; a new URL is "checking" until proven.
    if (!(this.url === url && this.reachability.state === 'reachable')) this.set({ state: 'checking', message: null, checkedAt: null }, url);
    const { armProbe, fetch, timeoutMs, now } = this.options;
    const result = await probeWebhook({ url, armProbe, fetch, timeoutMs, now });
    if (this.closed || generation !== this.generation) return result;
    if (live) {
      if (result.state === 'unreachable') this.options.log?.(`webhook: ${result.message ?? 'not reachable'}`);
      this.recheck = setTimeout(() => void this.run(), result.state === 'unreachable' ? REACHABILITY_RETRY_MS : REACHABILITY_RECHECK_MS);
      this.recheck.unref?.();
    }
    this.set(result, url);
    if (live && wasUnreachable && result.state === 'reachable') this.options.events.emit('webhook-reachable-again', undefined);
    return result;
  }

  /** After a change of settings or tunnel: a new public URL (or none) gets a fresh check; the result stays valid while the URL does. */
  refresh(): void {
    const route = this.options.route();
    const url = route.live ? route.webhookUrl : null;
    if (url === this.url && (url === null || this.reachability.state !== 'unknown')) return;
    if (url === null) {
      this.forget();
      return;
    }
    void this.run();
  }

  /** Back to "unknown" (the sandbox needs no check): any check under way is dropped. */
  forget(): void {
    this.generation++;
    this.stopRecheck();
    this.reachability = UNKNOWN;
    this.url = null;
  }

  close(): void {
    this.closed = true;
    this.forget();
  }

  private set(reachability: Reachability, url: string | null): void {
    this.reachability = reachability;
    this.url = url;
    if (!this.closed) this.options.events.emit('reachability-changed', reachability);
  }

  private stopRecheck(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
  }
}
