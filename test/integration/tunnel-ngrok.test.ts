// The real @ngrok/ngrok, in-process, on a machine that cannot reach ngrok's servers (CI, this
// sandbox): the status shows the error, the app keeps working, and sandbox mode is unaffected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { createNgrokDriver } from '../../electron/pos/tunnel/ngrok-driver';
import { startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const API_KEY = 'live-KEY-ngrok-test-0123-abcd';
// Shaped like a real authtoken; ngrok never accepts it (and here it cannot even be asked).
const AUTHTOKEN = '2fakeNgrokAuthtoken_0123456789_abcdefghijklmnopq';
/** The real failure arrives in milliseconds offline; a network that swallows packets instead fails these tests. */
const FORWARD_TIMEOUT_MS = 4_000;

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let core: RunningCore | null = null;
let lines: string[];

beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  lines = [];
});
afterEach(async () => {
  await core?.close();
  core = null;
  await gateway.close();
  dir.remove();
});

describe('the real ngrok without a network', () => {
  it('rejects forward() with ngrok\'s own error instead of hanging', async () => {
    const driver = createNgrokDriver();
    const outcome = await Promise.race([
      driver.forward({ port: 9, authtoken: AUTHTOKEN, domain: null }).then(
        async (session) => {
          await session.close();
          return 'online';
        },
        (error: unknown) => `rejected: ${error instanceof Error ? error.message : String(error)}`,
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('hung'), FORWARD_TIMEOUT_MS).unref()),
    ]);
    // A hang is a failure of this test: the app would then rely on its own timeout alone.
    expect(outcome).toMatch(/^rejected: /);
  });

  it('shows the tunnel error in the status, refuses Charge, and keeps the rest of the app working', async () => {
    core = await startCore({
      dataDir: dir.path,
      secrets: memorySecrets({ apiKey: API_KEY, ngrokAuthtoken: AUTHTOKEN }),
      gatewayUrl: gateway.baseUrl,
      ngrokDomain: 'my-shop.ngrok-free.app',
      tunnel: { tunnelTimings: { forwardTimeoutMs: FORWARD_TIMEOUT_MS, reconnectInitialMs: 60_000 } },
      log: (line) => lines.push(line),
    });
    const running = core;
    await expect.poll(() => running.status().tunnel.state, { timeout: FORWARD_TIMEOUT_MS + 2000 }).toBe('error');
    const status = running.status();
    expect(status).toMatchObject({ mode: 'live', webhookUrl: null, tunnel: { state: 'error', url: null } });
    // ngrok's own refusal, not our timeout: the real module rejected.
    expect(status.tunnel.message).toMatch(/^ngrok: /);
    expect(status.chargeBlockedReason).toMatch(/The tunnel is down .*Nothing was charged/);

    expect(await running.handlers.startSale({ amount: '1.00' })).toMatchObject({ ok: false, error: { code: 'not-ready' } });
    expect(gateway.requests).toHaveLength(0);
    expect(await running.handlers.listSales({})).toEqual({ ok: true, value: [] });
    expect((await running.handlers.updateSettings({ shopName: 'Still works' })).ok).toBe(true);
    expect(await running.handlers.checkReachability({})).toMatchObject({ ok: true, value: { state: 'unreachable' } });

    // Switching to the owner's own URL takes effect at once, without the tunnel.
    expect((await running.handlers.updateSettings({ tunnelMode: 'manual', publicUrl: 'http://127.0.0.1:9' })).ok).toBe(true);
    expect(running.status().tunnel).toMatchObject({ state: 'online', url: 'http://127.0.0.1:9' });
    const leaks = JSON.stringify([lines, running.status(), await running.handlers.getSettings({})]);
    expect(leaks).not.toContain(AUTHTOKEN);
    expect(leaks).not.toContain(API_KEY);
  });

  it('leaves sandbox mode alone: no tunnel, Charge works', async () => {
    core = await startCore({ dataDir: dir.path, secrets: memorySecrets({ ngrokAuthtoken: AUTHTOKEN }), tunnel: { tunnelTimings: { forwardTimeoutMs: FORWARD_TIMEOUT_MS } } });
    expect(core.status()).toMatchObject({ mode: 'sandbox', tunnel: { state: 'off' }, chargeBlockedReason: null });
    const sale = await core.handlers.startSale({ amount: '2.00' });
    expect(sale).toMatchObject({ ok: true, value: { status: 'pending', sandbox: true } });
  });
});
