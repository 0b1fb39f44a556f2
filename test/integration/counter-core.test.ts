// The core's side of the counter (issue 12) on a real ledger: the tip inside the invoice's amount,
// the customer's email to the gateway only, a sale that completes another, the register's current
// sale that a display follows, the counter's own settings, and browser mode's watch-only display token.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplayView } from '../../shared/counter';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { dispatch } from '../../electron/pos/dispatch';
import { createGatewayClient } from '../../electron/pos/gateway/client';
import { startContractGateway } from '../helpers/contract-gateway';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let core: RunningCore;

beforeEach(async () => {
  dir = tempDir();
  core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', shopName: 'Tea House', secrets: memorySecrets() });
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('a charge at the counter', () => {
  it('asks the invoice for amount + tip and keeps the tip apart; refuses a tip above the amount', async () => {
    const sale = await value(core.handlers.startSale({ amount: '10.00', tip: '1.00' }));
    expect(sale).toMatchObject({ amountMinor: 1100, tipMinor: 100, status: 'pending' });
    const refused = await core.handlers.startSale({ amount: '10.00', tip: '10.01' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const refusedDecimals = await core.handlers.startSale({ amount: '10.00', tip: '0.005' });
    expect(refusedDecimals).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('links a charge for the difference to the sale it completes; the receipts show them together', async () => {
    const first = await value(core.handlers.startSale({ amount: '12.50' }));
    const second = await value(core.handlers.startSale({ amount: '6.25', linkedSaleId: first.id }));
    expect(second.linkedSaleId).toBe(first.id);
    expect((await value(core.handlers.getReceipt({ saleId: first.id }))).linkedSales.map((sale) => sale.id)).toEqual([second.id]);
    expect((await value(core.handlers.getReceipt({ saleId: second.id }))).linkedSales.map((sale) => sale.id)).toEqual([first.id]);
    expect(await core.handlers.startSale({ amount: '1.00', linkedSaleId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses an email that is not one, before anything is charged', async () => {
    expect(await dispatch(core, 'startSale', { amount: '5.00', customerEmail: 'not an email' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await value(core.handlers.listSales({}))).toEqual([]);
  });

  it("sends the customer's email to the gateway as customerEmail, and to nothing else", async () => {
    const gateway = await startContractGateway();
    try {
      const client = createGatewayClient({ baseUrl: gateway.baseUrl, apiKey: 'mk_live_7Hq2ZpXv9LrT4sWc' });
      const request = { saleId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W', amountMinor: 1250, currency: 'EUR', blockchain: 'tether-trc20', language: 'en', webhookUrl: 'https://shop.example/mitilena/webhook/x' } as const;
      expect((await client.createInvoice({ ...request, customerEmail: 'jana@example.cz' })).ok).toBe(true);
      expect((await client.createInvoice(request)).ok).toBe(true);
      expect(gateway.requests.map((recorded) => (recorded.body as { customerEmail: string }).customerEmail)).toEqual(['jana@example.cz', '']);
    } finally {
      await gateway.close();
    }
    const sale = await value(core.handlers.startSale({ amount: '5.00', customerEmail: 'jana@example.cz' }));
    expect(JSON.stringify(sale)).not.toContain('jana@');
    expect(JSON.stringify(core.ledger.events(sale.id))).not.toContain('jana@');
  });
});

describe('the customer display', () => {
  it("follows the register's current sale: a charge shows it, New sale idles it, Settings rename the shop", async () => {
    const seen: DisplayView[] = [];
    core.on('display-changed', (view) => seen.push(view));
    expect(await value(core.handlers.getDisplay({}))).toEqual({ shopName: 'Tea House', language: 'en', sale: null });
    const sale = await value(core.handlers.startSale({ amount: '12.50', tip: '1.25' }));
    const shown = await value(core.handlers.getDisplay({}));
    expect(shown.sale).toMatchObject({ id: sale.id, status: 'pending', amountMinor: 1375, tipMinor: 125, paymentPage: sale.paymentPage, sandbox: true });
    // Only what a customer needs: no note, no address.
    expect(Object.keys(shown.sale ?? {})).not.toContain('note');
    expect(Object.keys(shown.sale ?? {})).not.toContain('address');
    expect(seen.at(-1)?.sale?.status).toBe('pending');
    await value(core.handlers.setCurrentSale({ saleId: null }));
    expect(seen.at(-1)?.sale).toBeNull();
    await value(core.handlers.updateSettings({ shopName: 'Tea Room', counter: { uiLanguage: 'cs' } }));
    expect(seen.at(-1)).toEqual({ shopName: 'Tea Room', language: 'cs', sale: null });
    expect(core.status().counter.language).toBe('cs');
  });

  it("refuses every method but the watching ones to a display's call context", async () => {
    const display = { session: 'tab-display', role: 'display' } as const;
    expect(await dispatch(core, 'startSale', { amount: '1.00' }, display)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await dispatch(core, 'setCurrentSale', { saleId: null }, display)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await dispatch(core, 'getDisplay', {}, display)).toMatchObject({ ok: true });
    expect(await dispatch(core, 'getStatus', {}, display)).toMatchObject({ ok: true });
  });
});

describe("the counter's own settings", () => {
  it('are checked field by field under counter.<field>, saved apart, and nothing is changed when one is wrong', async () => {
    const refused = await core.handlers.updateSettings({ shopName: 'Changed', counter: { tips: { enabled: true, percents: [10, 0, 250, 5], custom: false }, counterTimeoutMinutes: 0, paperWidth: 'A5' } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys(refused.error.fields ?? {}).sort()).toEqual(['counter.counterTimeoutMinutes', 'counter.paperWidth', 'counter.tips']);
    expect(core.settings.current.shopName).toBe('Tea House');
    const saved = await value(core.handlers.updateSettings({ counter: { tips: { enabled: true, percents: [20, 10], custom: true }, confirmAbove: 500, chime: false, printer: ' Receipts ' } }));
    expect(saved.counter).toMatchObject({ tips: { enabled: true, percents: [10, 20], custom: true }, confirmAbove: 500, chime: false, printer: 'Receipts' });
    // Kept across a restart, in their own place.
    await core.close();
    core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets() });
    expect(core.settings.counter).toMatchObject({ confirmAbove: 500, chime: false, tips: { percents: [10, 20] } });
    expect(core.ledger.getMeta('counter-settings')).toContain('"confirmAbove":500');
  });
});

describe("browser mode's display token", () => {
  let host: BrowserHost;
  const TOKEN = 'c'.repeat(64);
  const DISPLAY = 'd'.repeat(64);
  beforeEach(async () => {
    host = await startBrowserHost({ core, token: TOKEN, displayToken: DISPLAY, rendererDir: join(dir.path, 'renderer'), port: 0 });
  });
  afterEach(async () => {
    await host.close();
  });
  const call = (method: string, token: string, args: unknown = {}) =>
    fetch(`${host.url}api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });

  it('may watch (getDisplay, getStatus) and nothing else: 403 and unauthorized', async () => {
    expect((await call('getDisplay', DISPLAY)).status).toBe(200);
    expect((await call('getStatus', DISPLAY)).status).toBe(200);
    const refused = await call('startSale', DISPLAY, { amount: '5.00' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await call('startSale', TOKEN, { amount: '5.00' })).status).toBe(200);
    expect((await call('getDisplay', 'e'.repeat(64))).status).toBe(401);
  });

  it("streams a display only what it shows", async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}api/events?token=${DISPLAY}`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const sale = await value(core.handlers.startSale({ amount: '3.00' }));
    await value(core.handlers.cancelSale({ saleId: sale.id }));
    while (!text.includes('"cancelled"')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: display-changed');
    expect(text).not.toContain('event: sale-updated');
    expect(text).not.toContain('event: status-changed');
    expect(text).not.toContain('"note"');
  });
});

