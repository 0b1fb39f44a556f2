// A stand-in for the real Mitilena Pay gateway, written from CONTRACT.md §1 (not from the app's client):
// it records what it is sent and answers the way a test asks, including the undocumented bad ways.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The guide's own example answer (copied from the contract fixtures so the repo stands alone). */
export function fixtureInvoice(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../fixtures/create-invoice.response-200.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** The guide's example paid notice (§2). */
export function fixturePaidNotice(): { statusObj: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL('../fixtures/webhook.paid.json', import.meta.url), 'utf8')) as { statusObj: Record<string, unknown> };
}

export type ContractAnswer =
  /** 200 with a JSON body; the fixture when none is given. */
  | { kind: 'invoice'; body?: unknown }
  /** 200 with the fixture, but a new invoice id (and payment page) per request, and these fields changed. */
  | { kind: 'fresh-invoice'; overrides?: Record<string, unknown> }
  /** Another answer, sent only after this delay (a slow gateway). */
  | { kind: 'late'; delayMs: number; then: ContractAnswer }
  /** 200 whose body is given verbatim (e.g. not JSON). */
  | { kind: 'raw'; status: number; contentType: string; body: string; headers?: Record<string, string> }
  /** The documented failure: 400 with the error text as plain text. */
  | { kind: 'refuse'; text: string }
  /** An HTML error page, as a proxy or a crashed server sends. */
  | { kind: 'html-error'; status: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Sends the status line and headers, then stalls in the middle of the body. */
  | { kind: 'stall-body' }
  /** Drops the connection before answering. */
  | { kind: 'reset' }
  /** Starts a 200 answer, then drops the connection. */
  | { kind: 'reset-mid-body' }
  /** A 200 body far larger than any invoice. */
  | { kind: 'oversized'; bytes: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
}

export interface ContractGateway {
  /** Like the real one's base: the endpoint is baseUrl + '/generatePayment'. */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  answerWith(answer: ContractAnswer): void;
  close(): Promise<void>;
}

export async function startContractGateway(): Promise<ContractGateway> {
  const requests: RecordedRequest[] = [];
  let answer: ContractAnswer = { kind: 'invoice' };
  let served = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const path = request.url ?? '';
      requests.push({ method: request.method ?? '', path, headers: request.headers, rawBody, body });
      if (request.method !== 'POST' || path !== '/api/generatePayment') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      respond(answer, response, ++served);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/api`,
    origin,
    requests,
    answerWith(next) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function respond(answer: ContractAnswer, response: ServerResponse, serial: number): void {
  switch (answer.kind) {
    case 'invoice':
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body ?? fixtureInvoice()));
      return;
    case 'fresh-invoice': {
      const invoiceId = `auto-test-${String(serial).padStart(6, '0')}`;
      // The guide's 14-day link, from now (the fixture's own expiresAt is long past).
      const expiresAt = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toISOString();
      const body = { ...fixtureInvoice(), invoiceId, txId: invoiceId, paymentPage: `https://mitilena.com/pay/${invoiceId}`, expiresAt, ...answer.overrides };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    case 'late': {
      const timer = setTimeout(() => respond(answer.then, response, serial), answer.delayMs);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    case 'raw':
      response.writeHead(answer.status, { 'Content-Type': answer.contentType, ...answer.headers }).end(answer.body);
      return;
    case 'refuse':
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(answer.text);
      return;
    case 'html-error':
      response
        .writeHead(answer.status, { 'Content-Type': 'text/html' })
        .end(`<!DOCTYPE html><html><head><title>${answer.status} Bad Gateway</title></head><body><h1>Bad Gateway</h1><pre>upstream failed</pre></body></html>`);
      return;
    case 'hang':
      return;
    case 'stall-body':
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      response.write('{"invoiceId":"auto-');
      return;
    case 'reset':
      response.socket?.destroy();
      return;
    case 'reset-mid-body':
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      response.write('{"invoiceId":"auto-e80099', () => setTimeout(() => response.socket?.destroy(), 20));
      return;
    case 'oversized':
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(`{"invoiceId":"x","paymentPage":"https://mitilena.com/pay/x","pad":"${'a'.repeat(answer.bytes)}"}`);
      return;
  }
}

const BLOCKCHAIN_CODES = ['tether-erc20', 'tether-bep20', 'tether-trc20', 'mitilena-own', 'apfcoin'];
const LANGUAGE_CODES = ['en', 'cz', 'ru', 'tr', 'my', 'hr', 'si', 'ar', 'swa'];

/** Everything in a recorded request that CONTRACT.md §1 does not allow; empty when it conforms. */
export function contractViolations(request: RecordedRequest, apiKey: string): string[] {
  const problems: string[] = [];
  const header = (name: string): string => String(request.headers[name] ?? '');
  if (request.method !== 'POST') problems.push(`method ${request.method}`);
  if (request.path !== '/api/generatePayment') problems.push(`path ${request.path}`);
  if (!header('content-type').startsWith('application/json')) problems.push('Content-Type is not application/json');
  if (!header('accept').includes('application/json')) problems.push('accept is not application/json');
  if (header('mitilena-signature') !== apiKey) problems.push('mitilena-signature is not the API key');
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, 'body is not a JSON object'];
  const field = (name: string): unknown => (body as Record<string, unknown>)[name];
  const requireString = (name: string, allowEmpty: boolean): void => {
    const value = field(name);
    if (typeof value !== 'string' || (!allowEmpty && value === '')) problems.push(`${name} is not a${allowEmpty ? '' : ' non-empty'} string`);
  };
  if (field('userSecret') !== apiKey) problems.push('userSecret is not the API key');
  requireString('userPaymentId', false);
  if (!BLOCKCHAIN_CODES.includes(field('blockchain') as string)) problems.push('blockchain is not a listed code');
  if (!/^[A-Z]{3}$/.test(String(field('fiatCode')))) problems.push('fiatCode is not an ISO 4217 code');
  requireString('customerEmail', true);
  const amount = field('fiatAmount');
  if (typeof amount !== 'number' || !(amount > 0)) problems.push('fiatAmount is not a positive JSON number');
  if (field('userProductId') !== undefined) requireString('userProductId', true);
  if (field('language') !== undefined && !LANGUAGE_CODES.includes(field('language') as string)) problems.push('language is not accepted');
  if (field('redirectUrl_yours') !== undefined) requireString('redirectUrl_yours', true);
  requireString('webHookPostUrl_yours', false);
  const known = new Set(['userSecret', 'userPaymentId', 'blockchain', 'fiatCode', 'customerEmail', 'fiatAmount', 'userProductId', 'language', 'redirectUrl_yours', 'webHookPostUrl_yours']);
  for (const key of Object.keys(body)) if (!known.has(key)) problems.push(`unknown field ${key}`);
  return problems;
}
