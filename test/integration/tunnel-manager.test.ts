// The tunnel manager through its seam. The fake driver behaves as ngrok's forward() is documented
// to: it resolves with a listener that has a public url() and close(), rejects when the session
// cannot be made, may never answer, and reports a lost connection.
import { afterEach, describe, expect, it } from 'vitest';
import { TunnelManager, type TunnelDriver, type TunnelSession, type TunnelState } from '../../electron/pos/tunnel/manager';

interface FakeSession extends TunnelSession {
  closed: boolean;
  drop(reason: string): void;
}

type Step = { kind: 'online'; url: string } | { kind: 'fail'; message: string } | { kind: 'hang' } | { kind: 'late'; url: string; afterMs: number };

function fakeDriver(steps: Step[]) {
  const calls: { port: number; authtoken: string; domain: string | null }[] = [];
  const sessions: FakeSession[] = [];
  const session = (url: string): FakeSession => {
    let onClosed: ((reason: string) => void) | undefined;
    const made: FakeSession = {
      url,
      closed: false,
      close: async () => {
        made.closed = true;
      },
      onClosed: (callback) => {
        onClosed = callback;
      },
      drop: (reason) => onClosed?.(reason),
    };
    sessions.push(made);
    return made;
  };
  const driver: TunnelDriver = {
    forward: async (options) => {
      calls.push(options);
      const step = steps.shift() ?? { kind: 'fail', message: 'failed to connect session' };
      if (step.kind === 'fail') throw new Error(step.message);
      if (step.kind === 'hang') return new Promise<TunnelSession>(() => undefined);
      if (step.kind === 'late') return new Promise<TunnelSession>((resolve) => setTimeout(() => resolve(session(step.url)), step.afterMs));
      return session(step.url);
    },
  };
  return { driver, calls, sessions };
}

let manager: TunnelManager | null = null;
afterEach(async () => {
  await manager?.stop();
  manager = null;
});

function start(driver: TunnelDriver, timings: { forwardTimeoutMs?: number; reconnectInitialMs?: number; reconnectMaxMs?: number } = {}) {
  const states: TunnelState[] = [];
  manager = new TunnelManager({ driver, port: 43210, onChange: (state) => states.push(state), reconnectInitialMs: 20, reconnectMaxMs: 200, ...timings });
  return { manager, states };
}

describe('tunnel manager', () => {
  it('forwards only the webhook port with the authtoken and domain, and goes online', async () => {
    const fake = fakeDriver([{ kind: 'online', url: 'https://my-shop.ngrok-free.app/' }]);
    const { manager, states } = start(fake.driver);
    await manager.start({ authtoken: 'tok-123456789', domain: 'my-shop.ngrok-free.app' });
    expect(fake.calls).toEqual([{ port: 43210, authtoken: 'tok-123456789', domain: 'my-shop.ngrok-free.app' }]);
    expect(states.map((state) => state.state)).toEqual(['connecting', 'online']);
    expect(manager.state()).toEqual({ state: 'online', url: 'https://my-shop.ngrok-free.app', message: null });
  });

  it('shows the error, then reconnects with growing delays and resets them after success', async () => {
    const fake = fakeDriver([
      { kind: 'fail', message: 'failed to connect session: dns error' },
      { kind: 'fail', message: 'failed to connect session: dns error' },
      { kind: 'fail', message: 'failed to connect session: dns error' },
      { kind: 'online', url: 'https://a.ngrok.app' },
    ]);
    const { manager, states } = start(fake.driver);
    await manager.start({ authtoken: 'tok-123456789', domain: null });
    expect(manager.state()).toMatchObject({ state: 'error', url: null });
    expect(manager.state().message).toMatch(/^ngrok: failed to connect session: dns error; trying again in 1 s$/);
    await expect.poll(() => manager.state().state, { timeout: 5000 }).toBe('online');
    expect(fake.calls).toHaveLength(4);
    expect(states.filter((state) => state.state === 'error')).toHaveLength(3);
    expect([1, 2, 3, 4, 5, 6].map((failures) => manager.backoffMs(failures))).toEqual([20, 40, 80, 160, 200, 200]);
  });

  it('uses 60 s as the longest wait by default', () => {
    const manager = new TunnelManager({ driver: fakeDriver([]).driver, port: 1, onChange: () => undefined });
    expect(manager.backoffMs(1)).toBe(1000);
    expect(manager.backoffMs(20)).toBe(60_000);
  });

  it('reconnects after the tunnel drops, possibly on a new URL', async () => {
    const fake = fakeDriver([
      { kind: 'online', url: 'https://first.ngrok.app' },
      { kind: 'online', url: 'https://second.ngrok.app' },
    ]);
    const { manager, states } = start(fake.driver);
    await manager.start({ authtoken: 'tok-123456789', domain: null });
    fake.sessions[0]?.drop('ngrok lost its connection');
    expect(manager.state()).toMatchObject({ state: 'error', message: expect.stringMatching(/the tunnel closed \(ngrok lost its connection\)/) });
    expect(fake.sessions[0]?.closed).toBe(true);
    await expect.poll(() => manager.state().url, { timeout: 5000 }).toBe('https://second.ngrok.app');
    expect(states.map((state) => state.state)).toEqual(['connecting', 'online', 'error', 'connecting', 'online']);
  });

  it('gives up on a forward() that never answers, with its own timeout, and keeps trying', async () => {
    const fake = fakeDriver([{ kind: 'hang' }, { kind: 'online', url: 'https://b.ngrok.app' }]);
    const { manager } = start(fake.driver, { forwardTimeoutMs: 100 });
    await manager.start({ authtoken: 'tok-123456789', domain: null });
    expect(manager.state()).toMatchObject({ state: 'error', message: expect.stringMatching(/^ngrok did not answer within 0.1 s; trying again/) });
    await expect.poll(() => manager.state().state, { timeout: 5000 }).toBe('online');
  });

  it('closes a session that arrives after the timeout, so no tunnel is left unowned', async () => {
    const fake = fakeDriver([{ kind: 'late', url: 'https://late.ngrok.app', afterMs: 150 }, { kind: 'hang' }]);
    const { manager } = start(fake.driver, { forwardTimeoutMs: 50, reconnectInitialMs: 10_000 });
    await manager.start({ authtoken: 'tok-123456789', domain: null });
    expect(manager.state().state).toBe('error');
    await expect.poll(() => fake.sessions[0]?.closed, { timeout: 2000 }).toBe(true);
    expect(manager.state().url).toBeNull();
  });

  it('never shows the authtoken, even when ngrok quotes it', async () => {
    const fake = fakeDriver([{ kind: 'fail', message: 'authentication failed: tok-SECRET-987654 is not a valid authtoken' }]);
    const { manager, states } = start(fake.driver, { reconnectInitialMs: 10_000 });
    await manager.start({ authtoken: 'tok-SECRET-987654', domain: null });
    expect(JSON.stringify(states)).not.toContain('tok-SECRET-987654');
    expect(manager.state().message).toContain('[authtoken]');
  });

  it('stops cleanly: closes the session and cancels a pending retry', async () => {
    const fake = fakeDriver([{ kind: 'online', url: 'https://c.ngrok.app' }]);
    const { manager } = start(fake.driver);
    await manager.start({ authtoken: 'tok-123456789', domain: null });
    await manager.stop();
    expect(fake.sessions[0]?.closed).toBe(true);
    expect(manager.state()).toEqual({ state: 'off', url: null, message: null });
  });
});
