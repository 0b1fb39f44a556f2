// Keeps one tunnel to the webhook listener's port up: connect with our own timeout, report the
// state, reconnect with exponential backoff after a failure or a drop. The network side is a
// TunnelDriver (ngrok in the app, a fake in tests).
import type { z } from 'zod';
import type { TunnelStateSchema } from '../../../shared/api';
import type { CoreEvents } from '../core-events';
import { formatSeconds } from '../net/seconds';

export type TunnelState = z.infer<typeof TunnelStateSchema>;

export interface TunnelSession {
  /** The public base URL, e.g. https://my-shop.ngrok-free.app */
  url: string;
  close(): Promise<void>;
  /** Called when the tunnel drops by itself (not after close()). */
  onClosed?(callback: (reason: string) => void): void;
}

export interface TunnelDriver {
  forward(options: { port: number; authtoken: string; domain: string | null }): Promise<TunnelSession>;
}

export interface TunnelConfig {
  authtoken: string;
  domain: string | null;
}

/** A peer that accepts the connection and never answers would otherwise hold forward() forever. */
export const FORWARD_TIMEOUT_MS = 15_000;
export const RECONNECT_INITIAL_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;

export interface TunnelManagerOptions {
  driver: TunnelDriver;
  port: number;
  onChange: (state: TunnelState) => void;
  forwardTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  log?: (line: string) => void;
}

export const OFF: TunnelState = { state: 'off', url: null, message: null };

export class TunnelManager {
  private current: TunnelState = OFF;
  private config: TunnelConfig | null = null;
  /** What the settings last asked for; compared, not the live config (which is empty while restarting). */
  private wanted: TunnelConfig | null = null;
  private session: TunnelSession | null = null;
  /** Bumped by every start/stop, so an answer for an older attempt is recognised and closed. */
  private generation = 0;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly forwardTimeoutMs: number;
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(private readonly options: TunnelManagerOptions) {
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? FORWARD_TIMEOUT_MS;
    this.initialMs = options.reconnectInitialMs ?? RECONNECT_INITIAL_MS;
    this.maxMs = options.reconnectMaxMs ?? RECONNECT_MAX_MS;
  }

  state(): TunnelState {
    return this.current;
  }

  /**
   * Brings the tunnel in line with the settings: started (without waiting for the first attempt) when
   * a config is wanted and differs from the last one, stopped when none is. Nothing when unchanged.
   */
  async want(config: TunnelConfig | null): Promise<void> {
    if (config?.authtoken === this.wanted?.authtoken && config?.domain === this.wanted?.domain) return;
    this.wanted = config;
    if (config) void this.start(config);
    else await this.stop();
  }

  /** Starts (or restarts with new settings) the tunnel; resolves once the first attempt has settled. */
  async start(config: TunnelConfig): Promise<void> {
    await this.stop();
    this.config = config;
    this.failures = 0;
    await this.connect(this.generation);
  }

  async stop(): Promise<void> {
    this.generation++;
    this.config = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const session = this.session;
    this.session = null;
    this.set(OFF);
    if (session) await session.close().catch(() => undefined);
  }

  /** The delay before reconnect attempt `failures` (1, 2, …): doubling from the initial delay, capped. */
  backoffMs(failures: number): number {
    return Math.min(this.maxMs, this.initialMs * 2 ** Math.max(0, failures - 1));
  }

  private async connect(generation: number): Promise<void> {
    const config = this.config;
    if (!config || generation !== this.generation) return;
    this.set({ state: 'connecting', url: null, message: config.domain ? `connecting to ${config.domain}` : null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = this.options.driver.forward({ port: this.options.port, authtoken: config.authtoken, domain: config.domain });
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.forwardTimeoutMs);
    });
    let outcome: TunnelSession | 'timeout' | { error: unknown };
    try {
      outcome = await Promise.race([attempt.catch((error: unknown) => ({ error })), timedOut]);
    } finally {
      clearTimeout(timer);
    }
    const stale = generation !== this.generation;
    if (outcome === 'timeout' || stale || 'error' in outcome) {
      // A session that arrives after we gave up (or after a restart) must not stay open unowned.
      if (outcome === 'timeout' || stale) void attempt.then((late) => late.close()).catch(() => undefined);
      if (stale) return;
      const reason =
        outcome === 'timeout'
          ? `ngrok did not answer within ${formatSeconds(this.forwardTimeoutMs)} s`
          : this.describe((outcome as { error: unknown }).error, config);
      this.fail(generation, reason);
      return;
    }
    const session = outcome;
    this.session = session;
    this.failures = 0;
    session.onClosed?.((reason) => {
      if (generation !== this.generation || this.session !== session) return;
      this.session = null;
      void session.close().catch(() => undefined);
      this.fail(generation, `the tunnel closed (${this.redact(reason, config)})`);
    });
    this.set({ state: 'online', url: session.url.replace(/\/+$/, ''), message: null });
  }

  private fail(generation: number, reason: string): void {
    this.failures++;
    const delayMs = this.backoffMs(this.failures);
    this.options.log?.(`tunnel: ${reason}; trying again in ${Math.round(delayMs / 1000)} s`);
    this.set({ state: 'error', url: null, message: `${reason}; trying again in ${Math.max(1, Math.round(delayMs / 1000))} s` });
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect(generation);
    }, delayMs);
    // A retry pending must never keep the process alive on its own.
    this.retry.unref?.();
  }

  private describe(error: unknown, config: TunnelConfig): string {
    const text = error instanceof Error ? error.message : String(error);
    return `ngrok: ${this.redact(text, config).replace(/\s+/g, ' ').slice(0, 300)}`;
  }

  /** ngrok's own messages could quote the authtoken; it never leaves this process. */
  private redact(text: string, config: TunnelConfig): string {
    return config.authtoken ? text.split(config.authtoken).join('[authtoken]') : text;
  }

  private set(state: TunnelState): void {
    const before = this.current;
    this.current = state;
    if (before.state !== state.state || before.url !== state.url || before.message !== state.message) this.options.onChange(state);
  }
}

/** The manager's onChange for the core: every change as 'tunnel-changed', and 'tunnel-online' when it comes online. */
export function announceTunnel(events: CoreEvents): (state: TunnelState) => void {
  let online = false;
  return (state) => {
    const cameOnline = state.state === 'online' && !online;
    online = state.state === 'online';
    events.emit('tunnel-changed', state);
    if (cameOnline) events.emit('tunnel-online', undefined);
  };
}
