// The Mitilena Pay client: creates one invoice per sale (CONTRACT.md §1). Every way the exchange can
// go wrong ends as a Result with a sentence a cashier can act on; nothing here throws to the caller.
import type { Blockchain, Language } from '../../../shared/mitilena';
import { CreateInvoiceRequestSchema, CreateInvoiceResponseSchema, SIGNATURE_HEADER } from '../../../shared/mitilena';
import { isKnownCurrency, MAX_AMOUNT_MINOR, minorToJsonNumber } from '../../../shared/money';
import { fail, ok, type ErrorCode, type Result } from '../../../shared/result';
import { gatewayWords } from './refusal';

/** The cashier is told "still waiting" after 3 s; the counter gives up after this (the guide's plugin waits 60 s). */
export const INVOICE_TIMEOUT_MS = 30_000;
/**
 * After giving up, the request is left running this much longer: an invoice that arrives then is
 * recorded on the failed sale (a customer may still pay it), never shown as a new charge.
 */
export const LATE_INVOICE_GRACE_MS = 60_000;

/** An invoice answer is well under a kilobyte; anything this large is not the gateway talking. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface InvoiceRequest {
  saleId: string;
  amountMinor: number;
  currency: string;
  blockchain: Blockchain;
  language: Language;
  webhookUrl: string;
  productId?: string;
  /** The invoice arrived after the timeout had already failed the charge. */
  onLateInvoice?: (invoice: Invoice) => void;
}

export interface Invoice {
  invoiceId: string;
  paymentPage: string;
  cryptoAmount: string | null;
  cryptoSymbol: string | null;
  address: string | null;
  /** ISO 8601, UTC. */
  expiresAt: string | null;
}

export interface GatewayClient {
  createInvoice(request: InvoiceRequest): Promise<Result<Invoice>>;
}

const NOTHING_CHARGED = 'the invoice was not created, nothing was charged.';

/** Socket errors that mean the request never reached the gateway. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** Socket errors that mean the connection was cut after the request went out. */
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

class GatewayFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function createGatewayClient(options: {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  lateGraceMs?: number;
}): GatewayClient {
  const endpoint = options.baseUrl.replace(/\/+$/, '') + '/generatePayment';
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? INVOICE_TIMEOUT_MS;
  const lateGraceMs = options.lateGraceMs ?? LATE_INVOICE_GRACE_MS;
  const apiKey = options.apiKey;

  async function createInvoice(request: InvoiceRequest): Promise<Result<Invoice>> {
    if (!isHttpUrl(endpoint)) {
      return fail('not-ready', `The Mitilena Pay address is not a valid http(s) URL; check Settings. Nothing was charged.`);
    }
    if (!apiKey) return fail('not-ready', 'No Mitilena Pay API key is set; add it in Settings. Nothing was charged.');
    const body = buildBody(request, apiKey);
    if (!body.ok) return fail(body.error.code, body.error.message);

    const controller = new AbortController();
    let gaveUp = false;
    const exchanged = exchange(endpoint, body.value, controller.signal).then(
      (invoice): Result<Invoice> => {
        if (gaveUp) request.onLateInvoice?.(invoice);
        return ok(invoice);
      },
      (error: unknown) => describeFailure(error, controller.signal, timeoutMs),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A fetch that ignores its signal must still not hold the cashier past the timeout.
    const timedOut = new Promise<Result<Invoice>>((resolve) => {
      timer = setTimeout(() => {
        // Set here, not after the race: an answer in the very next instant is then a late one.
        gaveUp = true;
        resolve(timeoutFailure(timeoutMs));
      }, timeoutMs);
    });
    const outcome = await Promise.race([exchanged, timedOut]);
    clearTimeout(timer);
    if (!gaveUp) {
      controller.abort();
      return outcome;
    }
    // Given up: the answer may still come; listen a while longer, then cut the request.
    const grace = setTimeout(() => controller.abort(), lateGraceMs);
    grace.unref?.();
    void exchanged.finally(() => clearTimeout(grace));
    return outcome;
  }

  async function exchange(url: string, body: string, signal: AbortSignal): Promise<Invoice> {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', accept: 'application/json', [SIGNATURE_HEADER]: apiKey },
      body,
      signal,
      // A redirect would replay the API key header to wherever it points; the gateway never redirects.
      redirect: 'manual',
    });
    const raw = await readCapped(response, signal);
    const text = new TextDecoder('utf-8').decode(raw);
    if (response.status === 400) throw new GatewayFailure('gateway-refused', refusalMessage(text, apiKey));
    if (response.status !== 200) {
      throw new GatewayFailure(
        'gateway-error',
        `Mitilena Pay answered with an error (HTTP ${response.status}): ${NOTHING_CHARGED} Try again in a moment.`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GatewayFailure('gateway-error', `Mitilena Pay sent an answer the counter cannot read (HTTP 200, not JSON): ${NOTHING_CHARGED}`);
    }
    const parsed = CreateInvoiceResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new GatewayFailure(
        'gateway-error',
        `Mitilena Pay answered without a usable invoice or payment page (HTTP 200): ${NOTHING_CHARGED} Try again.`,
      );
    }
    const invoice = parsed.data;
    return {
      invoiceId: invoice.invoiceId,
      paymentPage: invoice.paymentPage,
      cryptoAmount: invoice.cryptoValue ?? invoice.usdtOverAmount ?? null,
      cryptoSymbol: invoice.cryptoShortCode ?? null,
      address: invoice.receivedOnAddress ?? null,
      expiresAt: toIso(invoice.expiresAt),
    };
  }

  return { createInvoice };
}

function buildBody(request: InvoiceRequest, apiKey: string): Result<string> {
  const { amountMinor, currency } = request;
  if (!isKnownCurrency(currency)) return fail('invalid-input', `"${currency.slice(0, 8)}" is not a currency the counter knows; nothing was charged.`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_AMOUNT_MINOR) {
    return fail('invalid-input', 'The amount must be more than zero and not too large; nothing was charged.');
  }
  if (!isHttpUrl(request.webhookUrl)) {
    return fail('not-ready', 'The payment notice address is not an http(s) URL; check the tunnel in Settings. Nothing was charged.');
  }
  const candidate = {
    userSecret: apiKey,
    userPaymentId: request.saleId,
    blockchain: request.blockchain,
    fiatCode: currency,
    customerEmail: '',
    fiatAmount: minorToJsonNumber(amountMinor, currency),
    ...(request.productId === undefined ? {} : { userProductId: request.productId }),
    language: request.language,
    webHookPostUrl_yours: request.webhookUrl,
  };
  const parsed = CreateInvoiceRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'request';
    return fail('invalid-input', `The invoice could not be prepared (${field}: ${issue?.message ?? 'invalid'}); nothing was charged.`);
  }
  return ok(JSON.stringify(parsed.data));
}

/** Reads the body under the cap; the caller's signal also bounds this read, not just the headers. */
async function readCapped(response: Response, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response.status);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw signal.aborted ? signal.reason : new GatewayFailure('gateway-unreachable', cutMessage());
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(response.status);
    }
    chunks.push(step.value);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

function tooLarge(status: number): GatewayFailure {
  return new GatewayFailure('gateway-error', `Mitilena Pay sent an oversized answer (HTTP ${status}): ${NOTHING_CHARGED}`);
}

function refusalMessage(text: string, apiKey: string): string {
  const words = gatewayWords(text, [apiKey]);
  return words ? `The gateway refused the invoice: ${words}` : `The gateway refused the invoice (HTTP 400) without saying why; ${NOTHING_CHARGED}`;
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): Result<Invoice> {
  if (signal.aborted) return timeoutFailure(timeoutMs);
  if (error instanceof GatewayFailure) return fail(error.code, error.message);
  const code = causeCode(error);
  if (UNREACHABLE_CODES.has(code)) {
    return fail('gateway-unreachable', `No connection to Mitilena Pay: ${NOTHING_CHARGED} Check the internet connection and press Retry.`);
  }
  if (CUT_CODES.has(code)) return fail('gateway-unreachable', cutMessage());
  return fail('gateway-unreachable', `Could not talk to Mitilena Pay: ${NOTHING_CHARGED} Check the connection and the gateway address, then press Retry.`);
}

function cutMessage(): string {
  return 'The connection to Mitilena Pay broke before its answer arrived: nothing was charged. Press Retry to create a new invoice.';
}

function timeoutFailure(timeoutMs: number): Result<Invoice> {
  const seconds = timeoutMs % 1000 === 0 ? String(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1);
  return fail('gateway-timeout', `Mitilena Pay did not answer within ${seconds} s: nothing was charged. Press Retry to create a new invoice.`);
}

/** undici wraps socket errors as TypeError('fetch failed') with the system error as cause. */
function causeCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
