import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGatewayClient, INVOICE_TIMEOUT_MS, type InvoiceRequest } from '../../electron/pos/gateway/client';
import type { Result } from '../../shared/result';
import { contractViolations, fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';

const API_KEY = 'mk_live_7Hq2ZpXv9LrT4sWc';
const WEBHOOK_URL = 'https://example-shop.ngrok.app/mitilena/webhook/3f9c0d8e';

const sale: InvoiceRequest = {
  saleId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W',
  amountMinor: 1250,
  currency: 'EUR',
  blockchain: 'tether-trc20',
  language: 'en',
  webhookUrl: WEBHOOK_URL,
  productId: 'counter-1',
};

let gateway: ContractGateway;

beforeAll(async () => {
  gateway = await startContractGateway();
});
afterAll(async () => {
  await gateway.close();
});
afterEach(() => {
  gateway.requests.length = 0;
  gateway.answerWith({ kind: 'invoice' });
});

function client(options: { timeoutMs?: number; baseUrl?: string; fetch?: typeof fetch } = {}) {
  return createGatewayClient({ baseUrl: options.baseUrl ?? gateway.baseUrl, apiKey: API_KEY, ...options });
}

/** A failure the cashier may read: a sentence, never markup, a stack or the key. */
function expectPlainFailure(result: Result<unknown>, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  const message = result.error.message;
  expect(message).not.toContain(API_KEY);
  expect(message).not.toMatch(/<\s*(html|!doctype|body|h1)/i);
  expect(message).not.toMatch(/\n\s*at /);
  expect(message.length).toBeGreaterThan(20);
  expect(message.length).toBeLessThan(450);
  return message;
}

describe('createInvoice request (CONTRACT.md §1)', () => {
  it('posts the documented headers and body, with the API key in both places', async () => {
    const result = await client().createInvoice(sale);
    expect(result.ok).toBe(true);
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    if (!request) throw new Error('no request recorded');
    expect(contractViolations(request, API_KEY)).toEqual([]);
    expect(request.headers['mitilena-signature']).toBe(API_KEY);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toMatchObject({
      userSecret: API_KEY,
      userPaymentId: sale.saleId,
      blockchain: 'tether-trc20',
      fiatCode: 'EUR',
      customerEmail: '',
      fiatAmount: 12.5,
      userProductId: 'counter-1',
      language: 'en',
      webHookPostUrl_yours: WEBHOOK_URL,
    });
  });

  it.each([
    { currency: 'EUR', amountMinor: 1250, json: '12.5', value: 12.5 },
    { currency: 'JPY', amountMinor: 1500, json: '1500', value: 1500 },
    { currency: 'KWD', amountMinor: 1250, json: '1.25', value: 1.25 },
    { currency: 'USD', amountMinor: 145, json: '1.45', value: 1.45 },
    { currency: 'EUR', amountMinor: 99_999_999_999, json: '999999999.99', value: 999999999.99 },
  ])('sends $currency $amountMinor minor units as the JSON number $json', async ({ currency, amountMinor, json, value }) => {
    const result = await client().createInvoice({ ...sale, currency, amountMinor });
    expect(result.ok).toBe(true);
    const request = gateway.requests[0];
    expect(request?.rawBody).toContain(`"fiatAmount":${json},`);
    expect((request?.body as { fiatAmount: unknown }).fiatAmount).toBe(value);
    expect((request?.body as { fiatCode: unknown }).fiatCode).toBe(currency);
  });

  it('passes every blockchain and language through and leaves userProductId out when there is none', async () => {
    const { productId: _productId, ...withoutProduct } = sale;
    const result = await client().createInvoice({ ...withoutProduct, blockchain: 'apfcoin', language: 'swa' });
    expect(result.ok).toBe(true);
    const request = gateway.requests[0];
    if (!request) throw new Error('no request recorded');
    expect(contractViolations(request, API_KEY)).toEqual([]);
    expect(request.body).toMatchObject({ blockchain: 'apfcoin', language: 'swa' });
    expect(request.body).not.toHaveProperty('userProductId');
  });

  it('accepts a base URL with a trailing slash', async () => {
    const result = await client({ baseUrl: `${gateway.baseUrl}/` }).createInvoice(sale);
    expect(result.ok).toBe(true);
    expect(gateway.requests[0]?.path).toBe('/api/generatePayment');
  });

  it('refuses to send an amount or currency it cannot express, without calling the gateway', async () => {
    expectPlainFailure(await client().createInvoice({ ...sale, currency: 'XXQ' }), 'invalid-input');
    expectPlainFailure(await client().createInvoice({ ...sale, amountMinor: 0 }), 'invalid-input');
    expectPlainFailure(await client().createInvoice({ ...sale, amountMinor: 12.5 }), 'invalid-input');
    expectPlainFailure(await client().createInvoice({ ...sale, webhookUrl: 'not a url' }), 'not-ready');
    expect(gateway.requests).toHaveLength(0);
  });
});

describe('createInvoice answer', () => {
  it('maps the 200 answer into an invoice', async () => {
    const result = await client().createInvoice(sale);
    expect(result).toEqual({
      ok: true,
      value: {
        invoiceId: 'auto-e80099-ef456c-e0de42',
        paymentPage: 'https://mitilena.com/pay/auto-e80099-ef456c-e0de42',
        cryptoAmount: '1.580437',
        cryptoSymbol: 'USDT',
        address: 'TRHpcBugcdEdD6BdW6k1Grtof6LBvRGWWJ',
        expiresAt: '2023-09-05T11:30:05.000Z',
      },
    });
  });

  it('falls back to usdtOverAmount and normalises an expiry with an offset to UTC', async () => {
    const { cryptoValue: _cryptoValue, ...body } = fixtureInvoice();
    gateway.answerWith({ kind: 'invoice', body: { ...body, expiresAt: '2023-09-05T13:30:05+02:00' } });
    const result = await client().createInvoice(sale);
    expect(result.ok && result.value.cryptoAmount).toBe('1.580437');
    expect(result.ok && result.value.expiresAt).toBe('2023-09-05T11:30:05.000Z');
  });

  it('keeps only invoiceId and paymentPage when the optional fields are missing', async () => {
    gateway.answerWith({ kind: 'invoice', body: { invoiceId: 'auto-1', paymentPage: 'https://mitilena.com/pay/auto-1' } });
    const result = await client().createInvoice(sale);
    expect(result).toEqual({
      ok: true,
      value: { invoiceId: 'auto-1', paymentPage: 'https://mitilena.com/pay/auto-1', cryptoAmount: null, cryptoSymbol: null, address: null, expiresAt: null },
    });
  });
});

describe('createInvoice failures', () => {
  it('shows a 400 text exactly as the gateway wrote it', async () => {
    gateway.answerWith({ kind: 'refuse', text: 'Error: fiatAmount must be a number' });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-refused');
    expect(message).toBe('The gateway refused the invoice: Error: fiatAmount must be a number');
  });

  it('redacts the API key when a 400 text echoes it', async () => {
    gateway.answerWith({ kind: 'refuse', text: `Error: unknown userSecret ${API_KEY}` });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-refused');
    expect(message).toContain('Error: unknown userSecret');
  });

  it('strips control characters and cuts a very long 400 text', async () => {
    gateway.answerWith({ kind: 'refuse', text: `  Error:\u0007 bad\r\nthing ${'x'.repeat(2000)}  ` });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-refused');
    expect(message.startsWith('The gateway refused the invoice: Error: bad thing xxx')).toBe(true);
    expect([...message].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
  });

  it('shows the words of a 400 sent as text/html, as Express\'s res.status(400).send() labels plain text', async () => {
    gateway.answerWith({ kind: 'raw', status: 400, contentType: 'text/html; charset=utf-8', body: 'Error: fiatCode must be an ISO code' });
    expect(expectPlainFailure(await client().createInvoice(sale), 'gateway-refused')).toBe('The gateway refused the invoice: Error: fiatCode must be an ISO code');
  });

  it('reads a real HTML page sent with a 400 down to its title, or its first text without the markup', async () => {
    gateway.answerWith({ kind: 'raw', status: 400, contentType: 'text/html', body: '<!doctype html><html><head><title>Error: amount too small &amp; refused</title><style>p{}</style></head><body><h1>x</h1></body></html>' });
    expect(expectPlainFailure(await client().createInvoice(sale), 'gateway-refused')).toBe('The gateway refused the invoice: Error: amount too small & refused');
    gateway.answerWith({ kind: 'raw', status: 400, contentType: 'text/html', body: '<html><head><script>var k = 1;</script></head><body>\n  <p>Bad   request:\n <b>language</b> not supported</p></body></html>' });
    expect(expectPlainFailure(await client().createInvoice(sale), 'gateway-refused')).toBe('The gateway refused the invoice: Bad request: language not supported');
  });

  it('redacts the key from a 400 however the gateway echoes it: cut short, split by zero-width or control characters, in another case', async () => {
    const echoes = [
      API_KEY.slice(0, 12),
      API_KEY.slice(5, 18),
      [...API_KEY].join('\u200b'),
      `${API_KEY.slice(0, 6)}\u0000\u2060${API_KEY.slice(6)}`,
      API_KEY.toUpperCase(),
    ];
    for (const echo of echoes) {
      gateway.answerWith({ kind: 'refuse', text: `Error: bad userSecret ${echo} given` });
      const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-refused');
      expect(message).toBe('The gateway refused the invoice: Error: bad userSecret [redacted] given');
    }
    // Seven characters of it are not enough to tell: ordinary words stay.
    gateway.answerWith({ kind: 'refuse', text: `Error: ${API_KEY.slice(0, 7)} is odd` });
    expect(expectPlainFailure(await client().createInvoice(sale), 'gateway-refused')).toContain(API_KEY.slice(0, 7));
  });

  it('turns a 5xx HTML error page into a sentence with the status', async () => {
    gateway.answerWith({ kind: 'html-error', status: 502 });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
    expect(message).toContain('HTTP 502');
  });

  it.each([201, 302, 404, 429])('treats an undocumented HTTP %i as a gateway error', async (status) => {
    gateway.answerWith({ kind: 'raw', status, contentType: 'text/plain', body: 'nope', headers: { Location: '/elsewhere' } });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
    expect(message).toContain(`HTTP ${status}`);
  });

  it('never follows a redirect, so the API key is not replayed to another host', async () => {
    const elsewhere = await startContractGateway();
    try {
      gateway.answerWith({ kind: 'raw', status: 307, contentType: 'text/plain', body: '', headers: { Location: `${elsewhere.baseUrl}/generatePayment` } });
      expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('treats a 200 that is not JSON as a gateway error', async () => {
    gateway.answerWith({ kind: 'raw', status: 200, contentType: 'text/html', body: '<html><body>Maintenance</body></html>' });
    expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
  });

  it.each([
    { label: 'without paymentPage', body: { invoiceId: 'auto-1' } },
    { label: 'with an empty paymentPage', body: { invoiceId: 'auto-1', paymentPage: '' } },
    { label: 'with a paymentPage under 5 characters', body: { invoiceId: 'auto-1', paymentPage: 'http' } },
    { label: 'with a non-http paymentPage', body: { invoiceId: 'auto-1', paymentPage: 'javascript:alert(1)' } },
    { label: 'without invoiceId', body: { paymentPage: 'https://mitilena.com/pay/x' } },
    { label: 'that is a JSON array', body: [] },
  ])('treats a 200 $label as a gateway error', async ({ body }) => {
    gateway.answerWith({ kind: 'invoice', body });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
    expect(message).toContain('HTTP 200');
  });

  it('gives up on a 200 body larger than 1 MiB', async () => {
    gateway.answerWith({ kind: 'oversized', bytes: 2 * 1024 * 1024 });
    expectPlainFailure(await client().createInvoice(sale), 'gateway-error');
  });

  it('times out when the gateway never answers', async () => {
    gateway.answerWith({ kind: 'hang' });
    // The gateway never answers, so a timeout error naming our 0.2 s limit can only be ours.
    const message = expectPlainFailure(await client({ timeoutMs: 200 }).createInvoice(sale), 'gateway-timeout');
    expect(message).toContain('0.2 s');
    expect(message).toContain('nothing was charged');
  });

  it('times out when the answer starts but its body stalls', async () => {
    gateway.answerWith({ kind: 'stall-body' });
    expectPlainFailure(await client({ timeoutMs: 200 }).createInvoice(sale), 'gateway-timeout');
  });

  it('times out even with a fetch that ignores its abort signal', async () => {
    const deaf: typeof fetch = () => new Promise<Response>(() => undefined);
    expectPlainFailure(await client({ timeoutMs: 100, fetch: deaf }).createInvoice(sale), 'gateway-timeout');
  });

  it('states the timeout in whole seconds when it is a whole number of seconds', async () => {
    expect(INVOICE_TIMEOUT_MS).toBe(30_000);
    const deaf: typeof fetch = () => new Promise<Response>(() => undefined);
    const message = expectPlainFailure(await client({ timeoutMs: 1_000, fetch: deaf }).createInvoice(sale), 'gateway-timeout');
    expect(message).toContain('did not answer within 1 s');
  });

  it('records an invoice that arrives after giving up through onLateInvoice, and cuts the request after the grace', async () => {
    let answer: (response: Response) => void = () => undefined;
    const slow: typeof fetch = (input, init) => {
      const pending = new Promise<Response>((resolve) => (answer = resolve));
      // Proves the request is still open (not aborted) when the late answer comes.
      init?.signal?.addEventListener('abort', () => answer(new Response('aborted', { status: 599 })));
      void input;
      return pending;
    };
    const late: unknown[] = [];
    const result = await createGatewayClient({ baseUrl: gateway.baseUrl, apiKey: API_KEY, fetch: slow, timeoutMs: 50, lateGraceMs: 5_000 }).createInvoice({ ...sale, onLateInvoice: (invoice) => late.push(invoice) });
    expectPlainFailure(result, 'gateway-timeout');
    answer(new Response(JSON.stringify(fixtureInvoice()), { status: 200, headers: { 'content-type': 'application/json' } }));
    await vi.waitFor(() => expect(late).toHaveLength(1));
    expect(late[0]).toMatchObject({ invoiceId: 'auto-e80099-ef456c-e0de42', paymentPage: 'https://mitilena.com/pay/auto-e80099-ef456c-e0de42' });

    // No answer within the grace: the request is aborted and nothing is reported.
    const late2: unknown[] = [];
    let aborted = false;
    const deaf: typeof fetch = (_input, init) => new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted')))));
    expectPlainFailure(await createGatewayClient({ baseUrl: gateway.baseUrl, apiKey: API_KEY, fetch: deaf, timeoutMs: 50, lateGraceMs: 100 }).createInvoice({ ...sale, onLateInvoice: (invoice) => late2.push(invoice) }), 'gateway-timeout');
    await vi.waitFor(() => expect(aborted).toBe(true));
    expect(late2).toEqual([]);
  });

  it('reports a connection dropped before the answer as unreachable', async () => {
    gateway.answerWith({ kind: 'reset' });
    expectPlainFailure(await client().createInvoice(sale), 'gateway-unreachable');
  });

  it('reports a connection dropped in the middle of the answer as unreachable', async () => {
    gateway.answerWith({ kind: 'reset-mid-body' });
    const message = expectPlainFailure(await client().createInvoice(sale), 'gateway-unreachable');
    expect(message).toContain('nothing was charged');
  });

  it('reports a refused connection as no connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const message = expectPlainFailure(await client({ baseUrl: `http://127.0.0.1:${port}/api` }).createInvoice(sale), 'gateway-unreachable');
    expect(message).toContain('No connection to Mitilena Pay');
  });
});
