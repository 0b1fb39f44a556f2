import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, type InvoiceRequest } from '../../electron/pos/gateway/client';
import { MAX_SANDBOX_INVOICES, startSandboxGateway, type SandboxGateway } from '../../electron/pos/gateway/sandbox';
import { CreateInvoiceResponseSchema, NoticeSchema } from '../../shared/mitilena';
import { fixtureInvoice, fixturePaidNotice } from '../helpers/contract-gateway';

const API_KEY = 'sbx_key_4f1c9a7e2d';
const NOW = new Date('2025-03-01T09:00:00.000Z');
const LIFETIME_MS = 60 * 60 * 1000;

interface ReceivedNotice {
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** Stands in for the counter's webhook listener: records notices, answers as told. */
let receiver: Server;
let receiverUrl: string;
const notices: ReceivedNotice[] = [];
let receiverAnswer = { status: 200, text: 'recorded' };

let sandbox: SandboxGateway;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      notices.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(receiverAnswer.status, { 'Content-Type': 'text/plain' }).end(receiverAnswer.text);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mitilena/webhook/install-token`;
  sandbox = await startSandboxGateway({ apiKey: API_KEY, invoiceLifetimeMs: LIFETIME_MS, now: () => NOW });
});

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

afterEach(() => {
  notices.length = 0;
  receiverAnswer = { status: 200, text: 'recorded' };
});

function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userSecret: API_KEY,
    userPaymentId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W',
    blockchain: 'tether-trc20',
    fiatCode: 'EUR',
    customerEmail: '',
    fiatAmount: 12.5,
    userProductId: 'counter-1',
    language: 'en',
    webHookPostUrl_yours: receiverUrl,
    ...overrides,
  };
}

async function postInvoice(body: unknown, signature: string | null = API_KEY, raw?: string, to: SandboxGateway = sandbox): Promise<Response> {
  return fetch(`${to.baseUrl}/generatePayment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', accept: 'application/json', ...(signature === null ? {} : { 'mitilena-signature': signature }) },
    body: raw ?? JSON.stringify(body),
  });
}

async function createInvoice(overrides: Record<string, unknown> = {}, to: SandboxGateway = sandbox): Promise<Record<string, unknown>> {
  const response = await postInvoice(validBody(overrides), API_KEY, undefined, to);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function simulate(paymentPage: string, kind: string): Promise<Response> {
  return fetch(`${paymentPage}/simulate`, { method: 'POST', body: new URLSearchParams({ kind }) });
}

describe('sandbox invoice creation (§1)', () => {
  it('is accepted by the real client and answers in the documented shape', async () => {
    const sale: InvoiceRequest = {
      saleId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1X',
      amountMinor: 1250,
      currency: 'EUR',
      blockchain: 'tether-trc20',
      language: 'en',
      webhookUrl: receiverUrl,
    };
    const result = await createGatewayClient({ baseUrl: sandbox.baseUrl, apiKey: API_KEY }).createInvoice(sale);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.invoiceId).toMatch(/^sbx-[0-9a-f]{6}-[0-9a-f]{6}-[0-9a-f]{6}$/);
    expect(result.value.paymentPage).toBe(`${new URL(sandbox.baseUrl).origin}/pay/${result.value.invoiceId}`);
    expect(result.value.cryptoAmount).toMatch(/^\d+\.\d{6}$/);
    expect(result.value.cryptoSymbol).toBe('USDT');
    expect(result.value.address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(result.value.expiresAt).toBe(new Date(NOW.getTime() + LIFETIME_MS).toISOString());
  });

  it('has the same keys and value types as the guide example', async () => {
    const answer = await createInvoice();
    expect(CreateInvoiceResponseSchema.safeParse(answer).success).toBe(true);
    const example = fixtureInvoice();
    expect(Object.keys(answer).sort()).toEqual(Object.keys(example).sort());
    for (const [key, value] of Object.entries(example)) {
      expect(`${key}: ${value === null ? 'null' : typeof answer[key]}`).toBe(`${key}: ${value === null ? 'null' : typeof value}`);
    }
    expect(answer).toMatchObject({ fiatAmount: '12.500', fiatValue: '12.500', fiatCurrency: 'EUR', isTrc20: 1, isErc20: 0, isBep20: 0, wasPaid: null, blockchainHash: null });
    expect(answer.whenInit).toBe(NOW.toISOString());
  });

  it('prices exactly and makes each amount unique through its last four digits', async () => {
    const first = await createInvoice({ fiatAmount: 1.45 });
    const second = await createInvoice({ fiatAmount: 1.45 });
    expect(first.cryptoValue).not.toBe(second.cryptoValue);
    for (const answer of [first, second]) {
      // 1.45 EUR at the demo rate 0.917 EUR/USDT is 1.58 USDT, then invoiceVs as the last digits, like the guide.
      expect(answer.cryptoValue).toBe(`1.58${String(answer.invoiceVs)}`);
      expect(answer.usdtOverAmount).toBe(answer.cryptoValue);
      expect(answer.invoiceVs).toMatch(/^\d{4}$/);
    }
    expect(first.invoiceId).not.toBe(second.invoiceId);
  });

  it('uses per-network addresses and a default rate for a currency it has no rate for', async () => {
    const bep20 = await createInvoice({ blockchain: 'tether-bep20', fiatCode: 'XYZ', fiatAmount: 10 });
    expect(bep20).toMatchObject({ isBep20: 1, isTrc20: 0, rateLocalCurrencyToNeededCrypto: '1.000', fiatValue: '10.000' });
    expect(bep20.receivedOnAddress).toMatch(/^0x[0-9a-f]{40}$/);
    const jpy = await createInvoice({ fiatCode: 'JPY', fiatAmount: 1500 });
    expect(jpy.fiatValue).toBe('1500.000');
    const { language: _language, ...withoutLanguage } = validBody();
    expect((await postInvoice(withoutLanguage)).status).toBe(200);
  });

  it.each([
    { label: 'a missing signature header', body: validBody(), signature: null },
    { label: 'a wrong signature header', body: validBody(), signature: 'other-key' },
    { label: 'a wrong userSecret', body: validBody({ userSecret: 'other-key' }) },
    { label: 'fiatAmount as a string', body: validBody({ fiatAmount: '12.50' }), text: 'Error: fiatAmount must be a number' },
    { label: 'a zero fiatAmount', body: validBody({ fiatAmount: 0 }) },
    { label: 'a negative fiatAmount', body: validBody({ fiatAmount: -5 }) },
    { label: 'a float-garbage fiatAmount', body: validBody({ fiatAmount: 0.1 + 0.2 }) },
    { label: 'an unknown blockchain', body: validBody({ blockchain: 'bitcoin' }) },
    { label: 'an unaccepted language', body: validBody({ language: 'de' }) },
    { label: 'a lower-case fiatCode', body: validBody({ fiatCode: 'eur' }) },
    { label: 'a missing customerEmail', body: validBody({ customerEmail: undefined }) },
    { label: 'a null customerEmail', body: validBody({ customerEmail: null }) },
    { label: 'a missing userPaymentId', body: validBody({ userPaymentId: undefined }) },
    { label: 'a missing webhook URL', body: validBody({ webHookPostUrl_yours: undefined }) },
    { label: 'a non-http webhook URL', body: validBody({ webHookPostUrl_yours: 'ftp://example.com/hook' }) },
    { label: 'a JSON array', body: [] },
    { label: 'a body that is not JSON', body: null, raw: 'fiatAmount=12.5' },
    { label: 'a body over 64 KiB', body: validBody({ userProductId: 'x'.repeat(70 * 1024) }) },
  ])('answers $label with a plain-text 400', async ({ body, signature, raw, text }) => {
    const response = await postInvoice(body, signature === undefined ? API_KEY : signature, raw);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const answer = await response.text();
    expect(answer).toMatch(/^Error: /);
    expect(answer).not.toContain(API_KEY);
    if (text) expect(answer).toBe(text);
  });

  it('gives the client a refusal it can show verbatim', async () => {
    const client = createGatewayClient({ baseUrl: sandbox.baseUrl, apiKey: 'not-the-sandbox-key' });
    const result = await client.createInvoice({
      saleId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1Y', amountMinor: 100, currency: 'EUR', blockchain: 'tether-trc20', language: 'en', webhookUrl: receiverUrl,
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'gateway-refused', message: 'The gateway refused the invoice: Error: mitilena-signature header does not match the API key' },
    });
  });
});

describe('sandbox payment page', () => {
  it('shows the amounts, address, a QR and the simulate buttons, with no script', async () => {
    const invoice = await createInvoice({ fiatAmount: 12.5 });
    const response = await fetch(String(invoice.paymentPage));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'");
    const html = await response.text();
    expect(html).toContain('Sandbox — no real money');
    expect(html).toContain('Pay 12.50 EUR');
    expect(html).toContain(`${String(invoice.cryptoValue)} USDT`);
    expect(html).toContain('Tron (TRC20)');
    expect(html).toContain(String(invoice.receivedOnAddress));
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,[^"]+"[^>]+alt="[^"]+"/);
    expect(html).toMatch(/<form method="post" action="\/pay\/[^"]+\/simulate">[\s\S]*?Simulate payment<\/button>/);
    expect(html).toContain('Simulate underpayment');
    expect(html).toContain(new Date(NOW.getTime() + LIFETIME_MS).toISOString());
    expect(html).not.toMatch(/<script/i);
  });

  it('draws a QR that decodes to the receiving address', async () => {
    const invoice = await createInvoice({ blockchain: 'tether-bep20' });
    const html = await (await fetch(String(invoice.paymentPage))).text();
    const base64 = /src="data:image\/png;base64,([^"]+)"/.exec(html)?.[1] ?? '';
    const png = PNG.sync.read(Buffer.from(base64, 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(invoice.receivedOnAddress);
  });

  it('answers an unknown invoice with a 404 page', async () => {
    const response = await fetch(`${new URL(sandbox.baseUrl).origin}/pay/sbx-000000-000000-000000`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Invoice not found');
  });
});

describe('sandbox payment notice (§2)', () => {
  it('posts a conformant notice with the key in the header and the body, and shows what the counter answered', async () => {
    const invoice = await createInvoice({ fiatAmount: 12.5 });
    const response = await simulate(String(invoice.paymentPage), 'full');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('HTTP 200');
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.headers['mitilena-signature']).toBe(API_KEY);
    expect(notice?.headers['content-type']).toMatch(/^application\/json/);
    expect(NoticeSchema.safeParse(notice?.body).success).toBe(true);
    const statusObj = (notice?.body as { statusObj: Record<string, unknown> }).statusObj;
    expect(Object.keys(statusObj).sort()).toEqual(Object.keys(fixturePaidNotice().statusObj).sort());
    expect(statusObj).toMatchObject({
      mitilenaInvoiceId: invoice.invoiceId,
      yourPaymentId: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W',
      yourProductName: '',
      yourProductId: 'counter-1',
      secretKey: API_KEY,
      stableCoinAmount: invoice.cryptoValue,
      stableCoinSymbol: 'USDT',
      stableCoinBlockchain: 'TRC20',
      localCurrencyAmount: '12.500',
      localCurrencyCode: 'EUR',
      wasPaid: true,
    });
    expect(statusObj.blockchainHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pays half the amount for a simulated underpayment', async () => {
    const invoice = await createInvoice({ fiatAmount: 12.5, blockchain: 'tether-erc20', userProductId: undefined });
    receiverAnswer = { status: 400, text: 'invoice was not paid' };
    const response = await simulate(String(invoice.paymentPage), 'under');
    expect(await response.text()).toContain('HTTP 400');
    const statusObj = (notices[0]?.body as { statusObj: Record<string, unknown> }).statusObj;
    const [whole = '', fraction = ''] = String(invoice.cryptoValue).split('.');
    expect(statusObj.stableCoinAmount).toBe(formatMicro(BigInt(whole + fraction) / 2n));
    expect(statusObj).toMatchObject({ stableCoinBlockchain: 'ERC20', yourProductId: '' });
  });

  it('says so when the counter cannot be reached', async () => {
    const invoice = await createInvoice({ webHookPostUrl_yours: 'http://127.0.0.1:9/unreachable' });
    const response = await simulate(String(invoice.paymentPage), 'full');
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('could not be delivered');
  });

  it('escapes what the counter answered before showing it', async () => {
    const invoice = await createInvoice();
    receiverAnswer = { status: 400, text: '<script>alert(1)</script>' };
    const html = await (await simulate(String(invoice.paymentPage), 'full')).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('refuses an unknown simulation kind', async () => {
    const invoice = await createInvoice();
    expect((await simulate(String(invoice.paymentPage), 'double')).status).toBe(400);
    expect(notices).toHaveLength(0);
  });
});

describe('sandbox network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { hostname, port } = new URL(sandbox.baseUrl);
    expect(hostname).toBe('127.0.0.1');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal)
      .map((entry) => entry?.address ?? '');
    for (const address of ['::1', ...others]) {
      expect(`${address}: ${await canConnect(address, Number(port))}`).toBe(`${address}: false`);
    }
    expect(await canConnect('127.0.0.1', Number(port))).toBe(true);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const { port } = new URL(sandbox.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/pay/x', headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(421);
  });
});

// The soak (docs/bench.md) found the sandbox holding every invoice up to 10,000, ~2 KB each: what it
// holds is bounded by a count, whatever the number of sales.
describe('what the sandbox holds', () => {
  it('forgets the oldest invoices past its limit: their page is unknown, the newest still answer', async () => {
    const small = await startSandboxGateway({ apiKey: API_KEY, maxInvoices: 3, now: () => NOW });
    try {
      const pages: string[] = [];
      for (let made = 0; made < 8; made++) {
        pages.push(String((await createInvoice({}, small)).paymentPage));
        expect(small.invoicesHeld()).toBe(Math.min(made + 1, 3));
      }
      const statuses = await Promise.all(pages.map(async (page) => (await fetch(page)).status));
      expect(statuses).toEqual([404, 404, 404, 404, 404, 200, 200, 200]);
    } finally {
      await small.close();
    }
  });

  it('holds at most MAX_SANDBOX_INVOICES by default, however many sales were made', async () => {
    const fresh = await startSandboxGateway({ apiKey: API_KEY, now: () => NOW });
    try {
      const batch = 25;
      for (let made = 0; made < MAX_SANDBOX_INVOICES + 2 * batch; made += batch) {
        await Promise.all(Array.from({ length: batch }, () => createInvoice({}, fresh)));
      }
      expect(fresh.invoicesHeld()).toBe(MAX_SANDBOX_INVOICES);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function formatMicro(micro: bigint): string {
  const digits = micro.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
