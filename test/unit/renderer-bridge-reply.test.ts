// The renderer's one reader of what comes back from the counter, over HTTP and over IPC alike.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosApi } from '../../shared/api';
import { DEFAULT_COUNTER_SETTINGS } from '../../shared/counter';
import { fail } from '../../shared/result';
import { createIpcBridge } from '../../renderer/bridge/ipc';
import { NOT_SIGNED_IN_MESSAGE, readHttpReply, readReply } from '../../renderer/bridge/reply';
import { tokenFromHash } from '../../renderer/bridge/session-token';
import { aSale } from '../helpers/sales';

const status = {
  mode: 'sandbox',
  currency: 'EUR',
  blockchain: 'tether-trc20',
  shopName: 'Shop',
  hasApiKey: true,
  apiKeyLast4: '1234',
  webhookUrl: null,
  version: '0.1.0',
  tunnel: { state: 'off', url: null, message: null },
  reachability: { state: 'unknown', message: null, checkedAt: null },
  chargeBlockedReason: null,
  warnings: [],
  counter: { ...DEFAULT_COUNTER_SETTINGS, language: 'en' },
  shopLedger: { state: 'off', behind: 0, message: null },
  wholeShop: false,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('browser-mode replies', () => {
  it('accepts a value that matches the method result schema', () => {
    expect(readHttpReply('getStatus', 200, { ok: true, value: status })).toEqual({ ok: true, value: status });
  });

  it('refuses a value that does not match as a bug, with a sentence instead of a crash', () => {
    const result = readHttpReply('getStatus', 200, { ok: true, value: { mode: 'sandbox' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });

  it("passes the service's error through as written", () => {
    const body = { ok: false, error: { code: 'gateway-refused', message: 'fiatAmount must be a number' } };
    expect(readHttpReply('startSale', 200, body)).toEqual({ ok: false, error: body.error });
    // The core's own 'internal' (a handler that threw) is a bug, not a lost answer.
    const bug = { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app' } };
    expect(readHttpReply('startSale', 200, bug)).toEqual({ ok: false, error: bug.error });
  });

  it('tells the person how to sign in when the token is missing or stale', () => {
    expect(readHttpReply('getStatus', 401, undefined)).toEqual({ ok: false, error: { code: 'unauthorized', message: NOT_SIGNED_IN_MESSAGE } });
    const refused = { ok: false, error: { code: 'unauthorized', message: 'Open the Cashier UI link printed at start' } };
    expect(readHttpReply('getStatus', 401, refused)).toEqual({ ok: false, error: { code: 'unauthorized', message: NOT_SIGNED_IN_MESSAGE } });
  });

  it('calls an answer that broke off or a server error lost (no-answer), naming the HTTP status', () => {
    const broken = readHttpReply('startSale', 200, undefined);
    expect(broken.ok === false && broken.error.code).toBe('no-answer');
    const gateway = readHttpReply('listSales', 502, undefined);
    expect(gateway.ok === false && gateway.error).toMatchObject({ code: 'no-answer', message: expect.stringContaining('HTTP 502') });
    const plain500 = readHttpReply('listSales', 500, 'internal error');
    expect(plain500.ok === false && plain500.error.code).toBe('no-answer');
  });

  it('calls a reply that arrived but is not a result a bug (internal)', () => {
    const notFound = readHttpReply('listSales', 404, undefined);
    expect(notFound.ok === false && notFound.error.code).toBe('internal');
    const stray = readHttpReply('listSales', 200, { hello: 'world' });
    expect(stray.ok === false && stray.error.code).toBe('internal');
    const unknownCode = readHttpReply('listSales', 200, { ok: false, error: { code: 'teapot', message: 'short and stout' } });
    expect(unknownCode.ok === false && unknownCode.error.code).toBe('internal');
  });

  it('reads the access token from the address hash', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});

/** The preload's window.pos as the renderer sees it: whatever ipcRenderer.invoke resolves to, or its rejection. */
function preloaded(invoke: (method: string, args: unknown) => Promise<unknown>, on: PosApi['on'] = () => () => {}): PosApi {
  return new Proxy({ on } as unknown as PosApi, {
    get: (target, name) => (name === 'on' ? target.on : (args: unknown) => invoke(String(name), args)),
  });
}

describe('IPC replies go through the same reader', () => {
  it('parses a value by the result schema, as over HTTP', async () => {
    const sale = aSale();
    const { pos } = createIpcBridge(preloaded(async () => ({ ok: true, value: { ...sale, extra: 'dropped' } })));
    expect(await pos.getSale({ saleId: sale.id })).toEqual({ ok: true, value: sale });
    expect(readReply('getSale', { ok: true, value: sale })).toEqual({ ok: true, value: sale });
  });

  it('reports an invoke that failed as a lost answer, never a throw', async () => {
    const { pos } = createIpcBridge(preloaded(() => Promise.reject(new Error("Error invoking remote method 'pos:startSale': reply was never sent"))));
    const result = await pos.startSale({ amount: '12.50', requestId: 'req-123456789012' });
    expect(result.ok === false && result.error.code).toBe('no-answer');
  });

  it('calls a value that breaks the contract, or one that is no result at all, a bug', async () => {
    const { pos } = createIpcBridge(preloaded(async (method) => (method === 'getStatus' ? { ok: true, value: { mode: 'sandbox' } } : 'not a result')));
    const mismatched = await pos.getStatus({});
    expect(mismatched.ok === false && mismatched.error.code).toBe('internal');
    const stray = await pos.listSales({});
    expect(stray.ok === false && stray.error.code).toBe('internal');
    const passed = await createIpcBridge(preloaded(async () => fail('not-found', 'No such sale'))).pos.getSale({ saleId: 'x' });
    expect(passed).toEqual({ ok: false, error: { code: 'not-found', message: 'No such sale' } });
  });

  it('delivers only events whose payload matches the contract', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let deliver: (payload: unknown) => void = () => {};
    const on = ((_event: string, listener: (payload: unknown) => void) => {
      deliver = listener;
      return () => {};
    }) as PosApi['on'];
    const bridge = createIpcBridge(preloaded(async () => undefined, on));
    const seen: unknown[] = [];
    bridge.pos.on('sale-updated', (sale) => seen.push(sale.id));
    deliver({ id: 'half a sale' });
    deliver(aSale({ id: 'sale-whole' }));
    expect(seen).toEqual(['sale-whole']);
    expect(bridge.carrier).toBe('ipc');
  });
});
