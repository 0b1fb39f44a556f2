// The counter's store (renderer/store.ts) in Node, talking to the real core through the renderer's
// own bridges: browser mode's HTTP host behind a loopback proxy that can lose an answer, and the
// IPC bridge over a stand-in for the preload (the core's answers structured-cloned, as IPC does).
// The seam is PosApi; nothing of the renderer is replaced.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PosApi, PosEventName } from '../../shared/api';
import type { KeypadKey } from '../../shared/entry';
import type { Sale } from '../../shared/sale';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { dispatch } from '../../electron/pos/dispatch';
import { createHttpBridge } from '../../renderer/bridge/http';
import { installBridge } from '../../renderer/bridge/installed';
import { createIpcBridge } from '../../renderer/bridge/ipc';
import type { Bridge, ConnectionListener } from '../../renderer/bridge/types';
import { useDesk } from '../../renderer/desk/store';
import { startEvents } from '../../renderer/events';
import { charge, pressKeypad, retry } from '../../renderer/register';
import { loadStatus, useCounter } from '../../renderer/store';
import { startCounterProxy, type CounterProxy } from '../helpers/counter-proxy';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const TOKEN = 'b'.repeat(64);
let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
const closers: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  dir = tempDir();
  core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets() });
  useCounter.setState(useCounter.getInitialState(), true);
  useDesk.setState(useDesk.getInitialState(), true);
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await core.close();
  dir.remove();
});

/** Browser mode's host on the real core, behind the proxy, and the renderer's HTTP bridge to it. */
async function overHttp(): Promise<{ proxy: CounterProxy; bridge: Bridge }> {
  const rendererDir = join(dir.path, 'renderer');
  const host: BrowserHost = await startBrowserHost({ core, token: TOKEN, rendererDir, port: 0 });
  const proxy = await startCounterProxy(host.url);
  closers.push(() => host.close(), () => proxy.close());
  const bridge = createHttpBridge(TOKEN, { origin: proxy.url });
  installBridge(bridge);
  return { proxy, bridge };
}

/**
 * The preload's window.pos as Electron gives it to the page: each call is dispatched by the core
 * and its answer structured-cloned; events arrive only while `connected` (a stand-in for a
 * carrier that can drop, which IPC itself cannot).
 */
function overIpc(): { bridge: Bridge; setConnected(connected: boolean): void } {
  let connected = true;
  const watchers = new Set<ConnectionListener>();
  const on = ((event: PosEventName, listener: (payload: unknown) => void) =>
    core.on(event, (payload) => {
      if (connected) listener(structuredClone(payload));
    })) as PosApi['on'];
  const preloaded = new Proxy({ on } as unknown as PosApi, {
    get: (target, name) => (name === 'on' ? target.on : async (args: unknown) => structuredClone(await dispatch(core, String(name), structuredClone(args)))),
  });
  const ipc = createIpcBridge(preloaded);
  const bridge: Bridge = {
    ...ipc,
    watchConnection(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
  };
  installBridge(bridge);
  return {
    bridge,
    setConnected(next) {
      connected = next;
      for (const watcher of watchers) watcher(next);
    },
  };
}

async function typeAndCharge(amount: string): Promise<void> {
  if (!useCounter.getState().status) await loadStatus();
  for (const key of amount) pressKeypad(key as KeypadKey);
  charge();
  await vi.waitFor(() => expect(useCounter.getState().inFlight).toBe(false), { timeout: 15_000 });
}

async function ledger(): Promise<Sale[]> {
  const listed = await core.handlers.listSales({});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value;
}

const requestIds = (proxy: CounterProxy): unknown[] =>
  proxy.calls.filter((call) => call.method === 'startSale').map((call) => (call.body as { requestId?: string }).requestId);

describe("the counter's store", () => {
  it('after a lost answer, Retry sends the same request id and picks up the sale the counter did create', async () => {
    const { proxy } = await overHttp();
    let lost = false;
    proxy.plan = (method) => (method === 'startSale' && !lost ? ((lost = true), 'lose-answer') : 'forward');

    await typeAndCharge('12.50');
    const failure = useCounter.getState().chargeFailure;
    expect(failure?.error.code).toBe('no-answer');
    // The call did run: the counter holds the sale the screen never heard about.
    const [made] = await ledger();
    expect(made).toMatchObject({ status: 'pending', amountMinor: 1250 });

    retry();
    await vi.waitFor(() => expect(useCounter.getState().currentSale?.id).toBe(made?.id), { timeout: 15_000 });
    expect(useCounter.getState().chargeFailure).toBeNull();
    const ids = requestIds(proxy);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[0]).toBe(failure?.requestId);
    // Nothing was charged twice.
    expect(await ledger()).toHaveLength(1);
  });

  it("after a bug ('internal'), Retry is a new attempt with a new request id", async () => {
    const { proxy } = await overHttp();
    let failed = false;
    // What the core answers when a handler throws (dispatch): a bug, with the call not carried out.
    const bug = { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app; nothing was charged. Try again.' } };
    proxy.plan = (method) => (method === 'startSale' && !failed ? ((failed = true), { status: 200, json: bug }) : 'forward');

    await typeAndCharge('7.20');
    expect(useCounter.getState().chargeFailure?.error).toEqual(bug.error);
    retry();
    await vi.waitFor(() => expect(useCounter.getState().currentSale?.status).toBe('pending'), { timeout: 15_000 });
    const ids = requestIds(proxy);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
    expect((await ledger()).map((sale) => sale.amountMinor)).toEqual([720]);
  });

  it('catches up on the status, the day and the current sale when live updates come back, and has the owner views read again', async () => {
    const ipc = overIpc();
    const stop = startEvents(ipc.bridge);
    closers.push(stop);
    await vi.waitFor(() => expect(useCounter.getState().status?.currency).toBe('EUR'));
    await typeAndCharge('5');
    const sale = useCounter.getState().currentSale as Sale;
    expect(sale.status).toBe('pending');
    const revision = useDesk.getState().revision;

    ipc.setConnected(false);
    expect(useCounter.getState().connected).toBe(false);
    // While the stream is down: the sale is paid, another window sells, the owner renames the shop.
    const paid = await core.handlers.markPaid({ saleId: sale.id, txHash: '0xfeedbeef00112233', note: 'seen in the wallet' });
    expect(paid.ok).toBe(true);
    expect((await core.handlers.startSale({ amount: '2.00' })).ok).toBe(true);
    expect((await core.handlers.updateSettings({ shopName: 'Night shift' })).ok).toBe(true);
    // None of it reached the store: those events are gone.
    expect(useCounter.getState().currentSale?.status).toBe('pending');
    expect(useCounter.getState().today).toHaveLength(1);
    expect(useCounter.getState().status?.shopName).not.toBe('Night shift');

    ipc.setConnected(true);
    await vi.waitFor(() => {
      const state = useCounter.getState();
      expect(state.currentSale?.status).toBe('paid');
      expect(state.today.map((row) => row.amountMinor).sort()).toEqual([200, 500]);
      expect(state.status?.shopName).toBe('Night shift');
    });
    expect(useCounter.getState().connected).toBe(true);
    expect(useDesk.getState().revision).toBe(revision + 1);
  });

  it('follows sale-updated events through the IPC bridge while connected', async () => {
    const ipc = overIpc();
    closers.push(startEvents(ipc.bridge));
    await typeAndCharge('3');
    const sale = useCounter.getState().currentSale as Sale;
    await core.handlers.voidSale({ saleId: sale.id, reason: 'customer left' });
    await vi.waitFor(() => expect(useCounter.getState().currentSale?.status).toBe('voided'));
    expect(useCounter.getState().today[0]?.status).toBe('voided');
  });
});
