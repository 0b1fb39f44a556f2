// The Mitilena Pay client: creates one invoice per sale (CONTRACT.md §1). Every way the exchange can
// go wrong ends as a Result with a sentence a cashier can act on; nothing here throws to the caller.
import type { Blockchain, Language } from '../../../shared/mitilena';
import { CreateInvoiceRequestSchema, CreateInvoiceResponseSchema, SIGNATURE_HEADER } from '../../../shared/mitilena';
import { isKnownCurrency, MAX_AMOUNT_MINOR, minorToJsonNumber } from '../../../shared/money';
import { fail, ok, type Result } from '../../../shared/result';
import { isHttpUrl } from '../../../shared/url';
import { bodyText, boundedFetch, type FetchOutcome, type HttpAnswer } from '../net/bounded-fetch';
import { outsideWords } from '../net/outside-words';
import { formatSeconds } from '../net/seconds';

/** The cashier is told "still waiting" after 3 s; the counter gives up after this (the guide's plugin waits 60 s). */
export const INVOICE_TIMEOUT_MS = 30_000;
/**
 * After giving up, the request is left running this much longer: an invoice that arrives then is
 * recorded on the failed sale (a customer may still pay it), never shown as a new charge.
 */
export const LATE_INVOICE_GRACE_MS = 60_000;

/** Long enough for any real gateway error sentence, short enough for the payment screen. */
export const MAX_REFUSAL_CHARS = 300;
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
  /** The gateway emails the customer its receipt when given (issue 12). */
  customerEmail?: string;
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

export function createGatewayClient(options: {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  lateGraceMs?: number;
}): GatewayClient {
  const endpoint = options.baseUrl.replace(/\/+$/, '') + '/generatePayment';
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
    const outcome = await boundedFetch(
      endpoint,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', accept: 'application/json', [SIGNATURE_HEADER]: apiKey },
        body: body.value,
        // A redirect would replay the API key header to wherever it points; the gateway never redirects.
        redirect: 'manual',
      },
      {
        fetch: options.fetch,
        timeoutMs,
        maxBytes: MAX_RESPONSE_BYTES,
        lateGraceMs,
        onLate: (answer) => {
          const late = invoiceFrom(answer, apiKey);
          if (late.ok) request.onLateInvoice?.(late.value);
        },
      },
    );
    return outcome.kind === 'http' ? invoiceFrom(outcome, apiKey) : failureSentence(outcome, timeoutMs);
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
    customerEmail: request.customerEmail ?? '',
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

/** The gateway's answer: an invoice, its refusal (400, plain text), or an error in words. */
function invoiceFrom(answer: HttpAnswer, apiKey: string): Result<Invoice> {
  const text = bodyText(answer);
  if (answer.status === 400) return fail('gateway-refused', refusalMessage(text, apiKey));
  if (answer.status !== 200) {
    return fail('gateway-error', `Mitilena Pay answered with an error (HTTP ${answer.status}): ${NOTHING_CHARGED} Try again in a moment.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('gateway-error', `Mitilena Pay sent an answer the counter cannot read (HTTP 200, not JSON): ${NOTHING_CHARGED}`);
  }
  const parsed = CreateInvoiceResponseSchema.safeParse(json);
  if (!parsed.success) {
    return fail('gateway-error', `Mitilena Pay answered without a usable invoice or payment page (HTTP 200): ${NOTHING_CHARGED} Try again.`);
  }
  const invoice = parsed.data;
  return ok({
    invoiceId: invoice.invoiceId,
    paymentPage: invoice.paymentPage,
    cryptoAmount: invoice.cryptoValue ?? invoice.usdtOverAmount ?? null,
    cryptoSymbol: invoice.cryptoShortCode ?? null,
    address: invoice.receivedOnAddress ?? null,
    expiresAt: toIso(invoice.expiresAt),
  });
}

function refusalMessage(text: string, apiKey: string): string {
  const words = outsideWords(text, [apiKey], MAX_REFUSAL_CHARS);
  return words ? `The gateway refused the invoice: ${words}` : `The gateway refused the invoice (HTTP 400) without saying why; ${NOTHING_CHARGED}`;
}

function failureSentence(outcome: Exclude<FetchOutcome, HttpAnswer>, timeoutMs: number): Result<Invoice> {
  switch (outcome.kind) {
    case 'timeout':
      return fail('gateway-timeout', `Mitilena Pay did not answer within ${formatSeconds(timeoutMs)} s: nothing was charged. Press Retry to create a new invoice.`);
    case 'too-large':
      return fail('gateway-error', `Mitilena Pay sent an oversized answer (HTTP ${outcome.status}): ${NOTHING_CHARGED}`);
    case 'cut':
      return fail('gateway-unreachable', 'The connection to Mitilena Pay broke before its answer arrived: nothing was charged. Press Retry to create a new invoice.');
    case 'unreachable':
      return outcome.noConnection
        ? fail('gateway-unreachable', `No connection to Mitilena Pay: ${NOTHING_CHARGED} Check the internet connection and press Retry.`)
        : fail('gateway-unreachable', `Could not talk to Mitilena Pay: ${NOTHING_CHARGED} Check the connection and the gateway address, then press Retry.`);
  }
}

function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
