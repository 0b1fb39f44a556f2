// The sale use cases in live mode against a loopback server that follows CONTRACT.md §1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import type { PosEventName } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { contractViolations, fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const API_KEY = 'live-KEY-9f8e7d6c5b4a-secret-1a2b';

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let core: RunningCore;
let seen: unknown[];
/** A loopback stand-in for the tunnel's public side, so the reachability self-check really passes. */
let proxy: PublicProxy;
let PUBLIC_URL: string;

async function start(currency = 'EUR'): Promise<RunningCore> {
  const started = await startCore({ dataDir: dir.path, currency, secrets: memorySecrets({ apiKey: API_KEY }), gatewayUrl: gateway.baseUrl, publicUrl: PUBLIC_URL, invoiceTimeoutMs: 300 });
  proxy.target = new URL(started.webhookLocalUrl).origin;
  // Live mode refuses Charge until the public URL is proven to reach the listener.
  const reachable = await started.handlers.checkReachability({});
  if (!reachable.ok || reachable.value.state !== 'reachable') throw new Error(`not reachable: ${JSON.stringify(reachable)}`);
  for (const event of ['sale-updated', 'status-changed'] as PosEventName[]) started.on(event, (payload) => seen.push(payload));
  return started;
}

beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
  PUBLIC_URL = proxy.url;
  seen = [];
  core = await start();
});

afterEach(async () => {
  await core.close();
  await gateway.close();
  await proxy.close();
  dir.remove();
});

async function charge(amount: string, extra: { note?: string; requestId?: string } = {}): Promise<Sale> {
  const result = await core.handlers.startSale({ amount, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The guide's example invoice, but one that has not expired yet. */
function currentInvoice(): { kind: 'invoice'; body: Record<string, unknown> } {
  return { kind: 'invoice', body: { ...fixtureInvoice(), expiresAt: new Date(Date.now() + 14 * 24 * 3600_000).toISOString() } };
}

describe('sale service (live mode)', () => {
  it('creates the invoice exactly as the contract asks and keeps what the gateway answered', async () => {
    const sale = await charge('12.50', { note: 'two coffees' });
    expect(gateway.requests).toHaveLength(1);
    const request = gateway.requests[0];
    if (!request) throw new Error('no request');
    expect(contractViolations(request, API_KEY)).toEqual([]);
    const body = request.body as Record<string, unknown>;
    expect(request.rawBody).toContain('"fiatAmount":12.5');
    expect(body.fiatCode).toBe('EUR');
    expect(body.userPaymentId).toBe(sale.id);
    expect(body.webHookPostUrl_yours).toBe(`${PUBLIC_URL}${new URL(core.webhookLocalUrl).pathname}`);
    expect(sale).toMatchObject({
      status: 'pending',
      amountMinor: 1250,
      note: 'two coffees',
      sandbox: false,
      invoiceId: 'auto-e80099-ef456c-e0de42',
      cryptoAmount: '1.580437',
      cryptoSymbol: 'USDT',
      address: 'TRHpcBugcdEdD6BdW6k1Grtof6LBvRGWWJ',
      expiresAt: '2023-09-05T11:30:05.000Z',
      webhookUrl: body.webHookPostUrl_yours,
    });
  });

  it('sends a yen amount without decimals', async () => {
    await core.close();
    core = await start('JPY');
    await charge('1500');
    expect(gateway.requests[0]?.rawBody).toContain('"fiatAmount":1500');
  });

  it('creates one sale and one invoice when Charge is pressed twice', async () => {
    const [first, second] = await Promise.all([charge('4.20', { requestId: 'press-0001' }), charge('4.20', { requestId: 'press-0001' })]);
    expect(second.id).toBe(first.id);
    expect(gateway.requests).toHaveLength(1);
    expect(core.ledger.listSales({})).toHaveLength(1);
    const again = await charge('4.20', { requestId: 'press-0001' });
    expect(again).toMatchObject({ id: first.id, status: 'pending' });
    expect(gateway.requests).toHaveLength(1);
  });

  it.each([
    ['a 400 with the gateway text', { kind: 'refuse', text: 'Error: fiatAmount must be a number' }, 'The gateway refused the invoice: Error: fiatAmount must be a number'],
    ['a 500 HTML page', { kind: 'html-error', status: 502 }, '502'],
    ['no answer', { kind: 'hang' }, 'did not answer'],
    ['a reset connection', { kind: 'reset' }, 'Mitilena Pay'],
    ['a 200 without a payment page', { kind: 'invoice', body: { invoiceId: 'auto-1' } }, 'Mitilena Pay'],
  ] as const)('leaves the sale failed with a plain reason after %s', async (_name, answer, words) => {
    gateway.answerWith(answer);
    const sale = await charge('9.99');
    expect(sale.status).toBe('failed');
    expect(sale.failure).toContain(words);
    expect(sale.failure).not.toMatch(/<html|<body|Error:\s*$|at .*\.ts/i);
    expect(core.ledger.events(sale.id).at(-1)?.cause).toBe('invoice not created');
  });

  it('does not cancel a sale that is already paid', async () => {
    gateway.answerWith(currentInvoice());
    const sale = await charge('3.00');
    expect((await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, API_KEY), API_KEY)).status).toBe(200);
    const result = await core.handlers.cancelSale({ saleId: sale.id });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-state', message: 'This sale is already paid and cannot be cancelled' } });
    expect(core.ledger.getSale(sale.id)?.status).toBe('paid');
  });

  it('never lets the API key reach a result, an event or a failure message', async () => {
    gateway.answerWith({ kind: 'refuse', text: `Error: key ${API_KEY} is not allowed here` });
    const refused = await charge('1.00');
    gateway.answerWith(currentInvoice());
    const sale = await charge('2.00');
    expect((await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, API_KEY), API_KEY)).status).toBe(200);
    expect(core.ledger.getSale(sale.id)?.status).toBe('paid');
    const results = [
      refused,
      await core.handlers.getStatus({}),
      await core.handlers.getSale({ saleId: sale.id }),
      await core.handlers.listSales({}),
      await core.handlers.cancelSale({ saleId: sale.id }),
    ];
    const everything = JSON.stringify([results, seen, core.ledger.events(sale.id), core.ledger.events(refused.id)]);
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(API_KEY.slice(0, 12));
    const status = await core.handlers.getStatus({});
    expect(status).toMatchObject({ ok: true, value: { mode: 'live', hasApiKey: true, apiKeyLast4: '1a2b' } });
  });

  it('keeps paid sales across a restart on the same data directory', async () => {
    gateway.answerWith(currentInvoice());
    const sale = await charge('5.55');
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, API_KEY), API_KEY);
    await core.close();
    core = await start();
    expect(core.ledger.getSale(sale.id)?.status).toBe('paid');
  });
  it('lets the cashier retry after a lost gateway answer without charging twice', async () => {
    // The gateway created an invoice but its answer never arrived: the cashier never saw a QR.
    gateway.answerWith({ kind: 'reset-mid-body' });
    const lost = await charge('8.00', { requestId: 'press-lost-0001' });
    expect(lost.status).toBe('failed');
    expect(lost.failure).toMatch(/Mitilena Pay/);
    // Retry is a new press: a new request id, a new sale and a new invoice.
    gateway.answerWith({ kind: 'invoice', body: { ...currentInvoice().body, invoiceId: 'auto-retry-0002' } });
    const retried = await charge('8.00', { requestId: 'press-retry-0002' });
    expect(retried).toMatchObject({ status: 'pending', invoiceId: 'auto-retry-0002' });
    expect(retried.id).not.toBe(lost.id);
    const paymentIds = gateway.requests.map((request) => (request.body as { userPaymentId: string }).userPaymentId);
    expect(paymentIds).toEqual([lost.id, retried.id]);

    expect((await postNotice(core.webhookLocalUrl, paidNoticeFor(retried, API_KEY), API_KEY)).status).toBe(200);
    // Should the lost invoice be paid anyway, it is kept for the owner, never a second green sale.
    const lostPaid = paidNoticeFor({ ...lost, invoiceId: 'auto-lost-0001', cryptoAmount: '8.730001', cryptoSymbol: 'USDT' }, API_KEY);
    expect((await postNotice(core.webhookLocalUrl, lostPaid, API_KEY)).status).toBe(200);
    expect(core.ledger.getSale(retried.id)?.status).toBe('paid');
    expect(core.ledger.getSale(lost.id)).toMatchObject({ status: 'review', reviewReason: 'late' });
    expect(core.ledger.listSales({ status: 'paid' })).toHaveLength(1);
  });
});
