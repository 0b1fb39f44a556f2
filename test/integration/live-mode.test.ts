// Live mode over the real core: settings that take effect without a restart, the reachability
// self-check through a loopback "public" proxy, Charge refused without a reachable URL, the tunnel
// through its seam, and no secret anywhere it could leak. Real SQLite, real HTTP on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_SETTINGS } from '../../shared/counter';
import { startCore, type CoreOptions, type RunningCore } from '../../electron/pos/core';
import { createFileSecretStore } from '../../electron/pos/settings/secrets-file';
import type { TunnelDriver } from '../../electron/pos/tunnel/manager';
import { PROBE_HEADER, startWebhookListener } from '../../electron/pos/webhook/listener';
import type { PosStatus } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets, type MemorySecretStore } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const API_KEY = 'live-KEY-5e6f7a8b9c0d-secret-77aa';
const AUTHTOKEN = '2ngrokAUTHTOKEN_a1b2c3d4e5f6g7h8i9';

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let core: RunningCore | null = null;
let statuses: PosStatus[];
let everything: unknown[];

beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
  statuses = [];
  everything = [];
});

afterEach(async () => {
  await core?.close();
  core = null;
  await gateway.close();
  await proxy.close();
  dir.remove();
});

async function start(secrets: MemorySecretStore | ReturnType<typeof createFileSecretStore> = memorySecrets(), options: Partial<CoreOptions> = {}): Promise<RunningCore> {
  const started = await startCore({ dataDir: dir.path, secrets, gatewayUrl: gateway.baseUrl, invoiceTimeoutMs: 500, tunnel: { reachabilityTimeoutMs: 300 }, ...options });
  proxy.target = new URL(started.webhookLocalUrl).origin;
  started.on('status-changed', (status) => {
    statuses.push(status);
    everything.push(status);
  });
  started.on('sale-updated', (sale) => everything.push(sale));
  core = started;
  return started;
}

async function call<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await result;
  everything.push(settled);
  if (!settled.ok) throw new Error(JSON.stringify(settled.error));
  return settled.value;
}

async function reachable(running: RunningCore): Promise<void> {
  await expect.poll(() => running.status().reachability.state, { timeout: 5000 }).toBe('reachable');
}

async function charge(running: RunningCore, amount: string): Promise<Sale> {
  return call(running.handlers.startSale({ amount }));
}

describe('settings', () => {
  it('shows the defaults and never more of a secret than "set, ends in …"', async () => {
    const running = await start(memorySecrets({ ngrokAuthtoken: AUTHTOKEN }));
    const view = await call(running.handlers.getSettings({}));
    expect(view).toEqual({
      currency: 'EUR',
      blockchain: 'tether-trc20',
      language: 'en',
      shopName: 'My shop',
      receiptFooter: '',
      apiKey: { set: false, last4: null },
      tunnelMode: 'ngrok',
      ngrokAuthtoken: { set: true, last4: AUTHTOKEN.slice(-4) },
      ngrokDomain: null,
      publicUrl: null,
      tronApi: null,
      etherscanApi: null,
      chainConfirm: true,
      publicTronGrid: true,
      // Browser mode and tests call no explorer they were not given, and the owner is told what that costs.
      chainNote: expect.stringContaining('a lost payment notice cannot be recovered on Tron (TRC20)'),
      trongridApiKey: { set: false, last4: null },
      etherscanApiKey: { set: false, last4: null },
      secretStorage: { kind: 'encrypted', warning: null },
      counter: DEFAULT_COUNTER_SETTINGS,
      access: { ownerPinSet: false, cashiers: [] },
      shopLedgerUrl: { set: false, last4: null },
      shopLedgerTarget: null,
      shopLedgerOwnerUrl: { set: false, last4: null },
      shopLedgerOwnerTarget: null,
      counterName: '',
      counterId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('changes nothing when any field is bad, and says what is wrong with each', async () => {
    const secrets = memorySecrets();
    const running = await start(secrets);
    const before = { view: await running.handlers.getSettings({}), meta: running.ledger.getMeta('settings'), status: running.status() };
    statuses.length = 0;
    const result = await running.handlers.updateSettings({ currency: 'ABC', shopName: 'Fine name', apiKey: API_KEY, publicUrl: 'ftp://nope', tunnelMode: 'manual' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { currency: expect.stringMatching(/ISO 4217/), publicUrl: expect.stringMatching(/https/) } } });
    expect(await running.handlers.getSettings({})).toEqual(before.view);
    expect(running.ledger.getMeta('settings')).toBe(before.meta);
    expect(secrets.values.size).toBe(0);
    expect(running.status()).toEqual(before.status);
    expect(statuses).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('switches sandbox → live → sandbox without a restart; the next sale uses the new gateway', async () => {
    const secrets = memorySecrets();
    const running = await start(secrets);
    const sandboxKey = running.ledger.getMeta('sandbox_key');
    const first = await charge(running, '1.00');
    expect(first).toMatchObject({ sandbox: true, status: 'pending', webhookUrl: running.webhookLocalUrl });
    expect(gateway.requests).toHaveLength(0);

    const view = await call(running.handlers.updateSettings({ apiKey: API_KEY, tunnelMode: 'manual', publicUrl: `${proxy.url}/`, currency: 'USD' }));
    expect(view).toMatchObject({ apiKey: { set: true, last4: '77aa' }, tunnelMode: 'manual', publicUrl: proxy.url, currency: 'USD' });
    expect(statuses.at(-1)).toMatchObject({ mode: 'live', hasApiKey: true, apiKeyLast4: '77aa', currency: 'USD' });
    await reachable(running);
    const live = await charge(running, '2.50');
    expect(live).toMatchObject({ sandbox: false, status: 'pending', currency: 'USD', webhookUrl: `${proxy.url}${new URL(running.webhookLocalUrl).pathname}` });
    expect(gateway.requests).toHaveLength(1);
    expect((gateway.requests[0]?.body as Record<string, unknown>).webHookPostUrl_yours).toBe(live.webhookUrl);
    // The sandbox sale made before keeps its own currency and URL.
    expect(running.ledger.getSale(first.id)).toMatchObject({ currency: 'EUR', status: 'pending' });

    await call(running.handlers.updateSettings({ apiKey: null }));
    expect(running.status()).toMatchObject({ mode: 'sandbox', hasApiKey: false, chargeBlockedReason: null, webhookUrl: running.webhookLocalUrl });
    // The live sale still pending cannot have its notice verified without the key: the owner is told.
    expect(running.status().warnings).toEqual([expect.stringMatching(/^1 live sale is still pending, but no API key is set/)]);
    const again = await charge(running, '3.00');
    expect(again).toMatchObject({ sandbox: true, status: 'pending' });
    expect(gateway.requests).toHaveLength(1);
    expect(running.ledger.getMeta('sandbox_key')).toBe(sandboxKey);
    expect(secrets.values.has('apiKey')).toBe(false);
  });

  it('keeps saved settings across a restart; start flags win for the run without being saved', async () => {
    let running = await start();
    await call(running.handlers.updateSettings({ currency: 'JPY', shopName: 'Ramen Bar', receiptFooter: 'Arigato' }));
    await running.close();
    running = await start(memorySecrets(), { currency: 'KWD' });
    expect(await call(running.handlers.getSettings({}))).toMatchObject({ currency: 'KWD', shopName: 'Ramen Bar', receiptFooter: 'Arigato' });
    expect(running.settings.receipt()).toEqual({ shopName: 'Ramen Bar', receiptFooter: 'Arigato' });
    await running.close();
    running = await start();
    expect(running.status().currency).toBe('JPY');
  });

  it('refuses to overwrite a key that comes from the environment, and changes nothing else', async () => {
    const running = await start(createFileSecretStore({ dataDir: dir.path, env: { MITILENA_API_KEY: API_KEY } }), { publicUrl: proxy.url });
    const result = await running.handlers.updateSettings({ apiKey: 'another-key-000000', shopName: 'New name' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { apiKey: expect.stringMatching(/MITILENA_API_KEY environment variable/) } } });
    expect(running.status()).toMatchObject({ mode: 'live', shopName: 'My shop', apiKeyLast4: '77aa' });
    expect((await call(running.handlers.getSettings({}))).secretStorage.kind).toBe('environment');
  });
});

describe('reachability and safe charging', () => {
  it('proves the public URL reaches this listener, without touching the ledger', async () => {
    const running = await start(memorySecrets({ apiKey: API_KEY }), { publicUrl: proxy.url });
    await reachable(running);
    expect(running.status()).toMatchObject({ chargeBlockedReason: null, reachability: { state: 'reachable', message: expect.stringMatching(/Webhook reachable/) } });
    expect(proxy.seen.some((path) => path === new URL(running.webhookLocalUrl).pathname)).toBe(true);
    expect(running.ledger.listSales({})).toEqual([]);
    const result = await call(running.handlers.checkReachability({}));
    expect(result.state).toBe('reachable');
  });

  it('refuses Charge, with the reason and the fix, when the proxy answers 502', async () => {
    proxy.behaviour = { kind: 'status', status: 502 };
    const running = await start(memorySecrets({ apiKey: API_KEY }), { publicUrl: proxy.url });
    await expect.poll(() => running.status().reachability.state, { timeout: 5000 }).toBe('unreachable');
    expect(running.status().reachability.message).toMatch(/The tunnel answered 502/);
    const refused = await running.handlers.startSale({ amount: '5.00' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringMatching(/answered 502.*reverse proxy.*Nothing was charged/) } });
    expect(gateway.requests).toHaveLength(0);
    expect(running.ledger.listSales({})).toEqual([]);
    // The owner fixes the proxy and checks again: Charge works.
    proxy.behaviour = { kind: 'forward' };
    expect(await call(running.handlers.checkReachability({}))).toMatchObject({ state: 'reachable' });
    expect((await charge(running, '5.00')).status).toBe('pending');
  });

  it('says so when the public URL leads to another server', async () => {
    proxy.behaviour = { kind: 'status', status: 200, body: 'Welcome to nginx!' };
    const running = await start(memorySecrets({ apiKey: API_KEY }), { publicUrl: proxy.url });
    expect(await call(running.handlers.checkReachability({}))).toMatchObject({ state: 'unreachable', message: expect.stringMatching(/reached another server/) });
    expect(running.status().chargeBlockedReason).toMatch(/another server/);
  });

  it('gives up on a public URL that never answers', async () => {
    proxy.behaviour = { kind: 'hang' };
    const running = await start(memorySecrets({ apiKey: API_KEY }), { publicUrl: proxy.url });
    expect(await call(running.handlers.checkReachability({}))).toMatchObject({ state: 'unreachable', message: expect.stringMatching(/timed out after 0.3 s/) });
  });

  it('refuses Charge in live mode with the tunnel off or without an ngrok authtoken', async () => {
    const running = await start(memorySecrets({ apiKey: API_KEY }));
    expect(running.status()).toMatchObject({ mode: 'live', webhookUrl: null, tunnel: { state: 'error' } });
    expect(await running.handlers.startSale({ amount: '1.00' })).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringMatching(/ngrok authtoken/) } });
    await call(running.handlers.updateSettings({ tunnelMode: 'off' }));
    expect(await running.handlers.startSale({ amount: '1.00' })).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringMatching(/tunnel is off/) } });
    expect(gateway.requests).toHaveLength(0);
  });

  it('answers a probe nonce once; an unknown nonce is an ordinary request and is refused', async () => {
    const running = await start();
    const probe = (url: string, nonce: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [PROBE_HEADER]: nonce }, body: '{}' });
    // Through the real core: an unknown nonce reaches the notice check, which refuses it.
    expect((await probe(running.webhookLocalUrl, 'f'.repeat(48))).status).toBe(401);
    // The listener itself: a nonce it armed is answered once, with a value only it knows.
    const received: unknown[] = [];
    const listener = await startWebhookListener({
      token: 'c'.repeat(64),
      receiver: { receiveNotice: (_signature, body) => (received.push(body), { status: 401, text: 'bad Mitilena token', changed: null }) },
    });
    try {
      const armed = listener.armProbe();
      const first = await probe(listener.localUrl, armed.nonce);
      expect({ status: first.status, text: await first.text() }).toEqual({ status: 200, text: armed.expected });
      expect(received).toEqual([]);
      expect((await probe(listener.localUrl, armed.nonce)).status).toBe(401);
      expect(received).toHaveLength(1);
      const other = listener.armProbe();
      expect((await probe(`${listener.localUrl.replace(/.$/, 'd')}`, other.nonce)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });
});

describe('tunnel in live mode (ngrok through its seam)', () => {
  it('goes online, is checked, charges with the tunnel URL, and warns when a new URL strands pending sales', async () => {
    const second = await startPublicProxy();
    const urls = [proxy.url, second.url];
    const forwarded: { port: number; authtoken: string; domain: string | null }[] = [];
    let drop: ((reason: string) => void) | undefined;
    const driver: TunnelDriver = {
      forward: async (options) => {
        forwarded.push(options);
        const url = urls.shift();
        if (!url) throw new Error('failed to connect session');
        // The fake ngrok edge forwards to whatever port the app asked for.
        for (const edge of [proxy, second]) edge.target = `http://127.0.0.1:${options.port}`;
        return { url, close: async () => undefined, onClosed: (callback) => (drop = callback) };
      },
    };
    try {
      const running = await start(memorySecrets({ apiKey: API_KEY, ngrokAuthtoken: AUTHTOKEN }), {
        tunnel: { tunnelDriver: driver, tunnelTimings: { reconnectInitialMs: 20 }, reachabilityTimeoutMs: 1000 },
      });
      await reachable(running);
      expect(forwarded).toEqual([{ port: Number(new URL(running.webhookLocalUrl).port), authtoken: AUTHTOKEN, domain: null }]);
      expect(running.status()).toMatchObject({ tunnel: { state: 'online', url: proxy.url }, chargeBlockedReason: null });
      expect(running.status().warnings.join(' ')).toMatch(/static domain/);
      gateway.answerWith({ kind: 'invoice', body: { ...fixtureInvoice(), expiresAt: new Date(Date.now() + 3600_000).toISOString() } });
      const sale = await charge(running, '7.00');
      expect(sale.webhookUrl).toBe(`${proxy.url}${new URL(running.webhookLocalUrl).pathname}`);

      drop?.('ngrok lost its connection');
      await expect.poll(() => running.status().tunnel.url, { timeout: 5000 }).toBe(second.url);
      await reachable(running);
      const warning = running.status().warnings.find((line) => line.startsWith('The public URL changed'));
      expect(warning).toMatch(/^The public URL changed: 1 pending sale sends its notice to the old URL \(http:\/\/127\.0\.0\.1:\d+\)/);
      expect(warning).toMatch(/static domain/);
      expect(statuses.some((status) => status.warnings.some((line) => line.includes('1 pending sale')))).toBe(true);
      // Paid through the new URL after all: the warning goes away.
      expect((await postNotice(running.status().webhookUrl as string, paidNoticeFor(sale, API_KEY), API_KEY)).status).toBe(200);
      expect(running.ledger.getSale(sale.id)?.status).toBe('paid');
      expect(running.status().warnings.some((line) => line.includes('The public URL changed'))).toBe(false);

      const leaks = JSON.stringify([everything, running.status(), await running.handlers.getSettings({}), running.ledger.events(sale.id)]);
      expect(leaks).not.toContain(API_KEY);
      expect(leaks).not.toContain(AUTHTOKEN);
    } finally {
      await second.close();
    }
  });
});
