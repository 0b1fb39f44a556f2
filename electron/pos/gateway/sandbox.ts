// The embedded sandbox gateway: a loopback server that speaks CONTRACT.md §1 and §2 so the counter can
// be demonstrated and tested end to end without an API key, real money or the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyText, boundedFetch } from '../net/bounded-fetch';
import { isLoopbackHost } from '../net/loopback';
import { readRequestBody } from '../net/request-body';
import QRCode from 'qrcode';
import { NETWORKS, SIGNATURE_HEADER, type Blockchain } from '../../../shared/mitilena';
import { decimalToMinor, isKnownCurrency, minorToDecimal } from '../../../shared/money';
import {
  cryptoMicroUnits,
  demoRate,
  formatMicro,
  invoiceAnswer,
  newAddress,
  newInvoiceId,
  newSandboxInvoice,
  randomHex,
  validateOrder,
  type SandboxInvoice,
} from './sandbox-invoice';
import {
  renderNotFoundPage,
  renderPaymentPage,
  renderSimulationPage,
  SANDBOX_PAGE_CSP,
} from './sandbox-page';

export interface SandboxGateway {
  /** e.g. http://127.0.0.1:PORT/api; the client posts to baseUrl + '/generatePayment'. */
  baseUrl: string;
  /** How many invoices the sandbox holds now (at most maxInvoices). */
  invoicesHeld(): number;
  close(): Promise<void>;
}

const DEFAULT_INVOICE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_FORM_BYTES = 4 * 1024;
const NOTICE_TIMEOUT_MS = 10_000;
const MAX_COUNTER_ANSWER_CHARS = 200;
const MAX_COUNTER_ANSWER_BYTES = 4 * 1024;
/**
 * Oldest invoices are forgotten past this (their page then says "unknown invoice", as after a
 * restart), so a long-running demo holds a fixed amount: under a kilobyte each. A demo has a few
 * payment pages open at a time; 10,000 held ~12 MB of heap (docs/bench.md).
 */
export const MAX_SANDBOX_INVOICES = 1_000;
/** invoiceVs is 4 digits, so amounts for the same fiat value repeat only after this many invoices. */
const INVOICE_VS_CYCLE = 9_999;

interface SandboxOptions {
  apiKey: string;
  port?: number;
  invoiceLifetimeMs?: number;
  /** How many invoices are kept for their payment page (default MAX_SANDBOX_INVOICES). */
  maxInvoices?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** The sandbox's HTTP side: the §1 endpoint, the payment page, and "Simulate payment" sending §2 notices. */
class SandboxServer {
  private readonly apiKey: string;
  private readonly lifetimeMs: number;
  private readonly maxInvoices: number;
  private readonly now: () => Date;
  private readonly fetchFn: typeof fetch;
  private readonly invoices = new Map<string, SandboxInvoice>();
  private readonly addresses = new Map<Blockchain, string>();
  private invoiceCount = 0;
  /** Aborts notices still being delivered when the sandbox closes. */
  readonly closing = new AbortController();
  /** Known once the server listens; the Host check and the payment page links use it. */
  port = 0;

  constructor(options: SandboxOptions) {
    this.apiKey = options.apiKey;
    this.lifetimeMs = options.invoiceLifetimeMs ?? DEFAULT_INVOICE_LIFETIME_MS;
    // At least one: the invoice just made must be there for its own page.
    this.maxInvoices = Math.max(1, options.maxInvoices ?? MAX_SANDBOX_INVOICES);
    this.now = options.now ?? (() => new Date());
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  get invoicesHeld(): number {
    return this.invoices.size;
  }

  async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Only loopback names: a page that rebinds its own DNS name to 127.0.0.1 must not reach the sandbox.
    if (!isLoopbackHost(request.headers.host, this.port)) return sendText(response, 421, 'Error: wrong host');
    const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    if (path === '/api/generatePayment') {
      if (request.method !== 'POST') return sendText(response, 405, 'Error: use POST');
      return this.createInvoice(request, response);
    }
    const match = /^\/pay\/([A-Za-z0-9-]{1,64})(\/simulate)?$/.exec(path);
    const invoice = match ? this.invoices.get(match[1] ?? '') : undefined;
    if (!match || !invoice) return sendHtml(response, 404, renderNotFoundPage());
    if (!match[2] && request.method === 'GET') return sendHtml(response, 200, await this.paymentPage(invoice));
    if (match[2] && request.method === 'POST') return this.simulate(invoice, request, response);
    return sendText(response, 405, 'Error: method not allowed');
  }

  private async createInvoice(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const read = await readRequestBody(request, MAX_REQUEST_BYTES);
    if (!read.ok) {
      response.setHeader('Connection', 'close');
      return sendText(response, 400, 'Error: request body is too large');
    }
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      return sendText(response, 400, 'Error: request body must be JSON');
    }
    const order = validateOrder(body, request.headers[SIGNATURE_HEADER], this.apiKey);
    if (typeof order === 'string') return sendText(response, 400, `Error: ${order}`);

    this.invoiceCount += 1;
    const createdAt = this.now();
    const invoiceVs = ((this.invoiceCount - 1) % INVOICE_VS_CYCLE) + 1;
    const rate = demoRate(order.fiatCode);
    const invoice = newSandboxInvoice(order, {
      id: newInvoiceId(),
      serial: this.invoiceCount,
      invoiceVs,
      rate,
      cryptoMicro: cryptoMicroUnits(order.fiatText, rate, invoiceVs),
      address: this.addressFor(order.blockchain),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.lifetimeMs),
    });
    while (this.invoices.size >= this.maxInvoices) this.invoices.delete(this.invoices.keys().next().value ?? '');
    this.invoices.set(invoice.id, invoice);
    sendJson(response, 200, invoiceAnswer(invoice, `http://127.0.0.1:${this.port}/pay/${invoice.id}`));
  }

  private async paymentPage(invoice: SandboxInvoice): Promise<string> {
    const network = NETWORKS[invoice.blockchain];
    // The wire keeps three decimals ("12.500"); a person reads the currency's own ("12.50").
    const fiatMinor = isKnownCurrency(invoice.fiatCode) ? decimalToMinor(invoice.fiatText, invoice.fiatCode) : null;
    return renderPaymentPage({
      invoiceId: invoice.id,
      fiatText: fiatMinor === null ? invoice.fiatText : minorToDecimal(fiatMinor, invoice.fiatCode),
      fiatCode: invoice.fiatCode,
      cryptoText: formatMicro(invoice.cryptoMicro),
      halfCryptoText: formatMicro(invoice.cryptoMicro / 2n),
      token: network.token,
      network: network.network,
      address: invoice.address,
      qrDataUrl: await QRCode.toDataURL(invoice.address, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
      expiresAt: invoice.expiresAt.toISOString(),
      expired: this.now().getTime() >= invoice.expiresAt.getTime(),
      simulations: invoice.simulations,
    });
  }

  private async simulate(invoice: SandboxInvoice, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const read = await readRequestBody(request, MAX_FORM_BYTES);
    if (!read.ok) response.setHeader('Connection', 'close');
    const kind = read.ok ? new URLSearchParams(read.body.toString('utf8')).get('kind') : null;
    if (kind !== 'full' && kind !== 'under') return sendText(response, 400, 'Error: kind must be full or under');
    const paid = kind === 'full' ? invoice.cryptoMicro : invoice.cryptoMicro / 2n;
    const network = NETWORKS[invoice.blockchain];
    // §2 notice exactly as the gateway sends it: the key in the header and again in the body.
    const notice = {
      statusObj: {
        mitilenaInvoiceId: invoice.id,
        yourPaymentId: invoice.paymentId,
        yourProductName: '',
        yourProductId: invoice.productId,
        secretKey: this.apiKey,
        stableCoinAmount: formatMicro(paid),
        stableCoinSymbol: network.token,
        // The guide names only the USDT networks; the other tokens fall back to their symbol.
        stableCoinBlockchain: network.noticeName ?? network.token,
        localCurrencyAmount: invoice.fiatText,
        localCurrencyCode: invoice.fiatCode,
        wasPaid: true,
        blockchainHash: randomHex(32),
      },
    };
    const outcome = await this.deliver(invoice.webhookUrl, notice);
    invoice.simulations.push({
      kind,
      at: this.now().toISOString(),
      outcome: outcome.delivered ? `counter answered HTTP ${outcome.status}` : `not delivered (${outcome.reason})`,
    });
    const page = renderSimulationPage({ invoiceId: invoice.id, kind, paidText: formatMicro(paid), token: network.token, outcome });
    sendHtml(response, outcome.delivered ? 200 : 502, page);
  }

  private async deliver(
    url: string,
    notice: object,
  ): Promise<{ delivered: true; status: number; answer: string } | { delivered: false; reason: string }> {
    const outcome = await boundedFetch(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: this.apiKey }, body: JSON.stringify(notice), redirect: 'manual' },
      { fetch: this.fetchFn, timeoutMs: NOTICE_TIMEOUT_MS, maxBytes: MAX_COUNTER_ANSWER_BYTES, signal: this.closing.signal },
    );
    if (outcome.kind === 'timeout') return { delivered: false, reason: 'the counter did not answer in time' };
    if (outcome.kind === 'unreachable' || outcome.kind === 'cut') return { delivered: false, reason: 'the counter could not be reached' };
    // The counter's answer is a short sentence; one too long to show is not shown.
    const text = outcome.kind === 'http' ? bodyText(outcome).replace(/\s+/g, ' ').trim().slice(0, MAX_COUNTER_ANSWER_CHARS) : '';
    return { delivered: true, status: outcome.status, answer: this.apiKey ? text.split(this.apiKey).join('[API key]') : text };
  }

  private addressFor(blockchain: Blockchain): string {
    // One address per network, like a merchant's wallet: the unique amount tells invoices apart.
    let address = this.addresses.get(blockchain);
    if (!address) {
      address = newAddress(blockchain);
      this.addresses.set(blockchain, address);
    }
    return address;
  }
}

export async function startSandboxGateway(options: SandboxOptions): Promise<SandboxGateway> {
  const sandbox = new SandboxServer(options);
  const server = createServer((request, response) => {
    sandbox.route(request, response).catch((error: unknown) => {
      console.error('[sandbox] request failed:', error instanceof Error ? error.message : 'unknown error');
      if (!response.headersSent) sendText(response, 500, 'Error: the sandbox gateway failed');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  sandbox.port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${sandbox.port}/api`,
    invoicesHeld: () => sandbox.invoicesHeld,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', text);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  send(response, status, 'text/html; charset=utf-8', html, {
    'Content-Security-Policy': SANDBOX_PAGE_CSP,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
}
