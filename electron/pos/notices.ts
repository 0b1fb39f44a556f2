// Turns a payment notice (CONTRACT.md §2) into a ledger change. The rules: a verified notice that
// matches its invoice turns the sale paid; anything else that says "paid" is kept for the owner as
// `review` with a reason; a repeated notice changes nothing; an unverified one changes nothing.
import { createHash } from 'node:crypto';
import { BLOCKCHAINS, NETWORKS, NoticeSchema, type Blockchain, type Notice } from '../../shared/mitilena';
import { compareDecimal, decimalToMinor, formatMoney, isKnownCurrency, minorToExact, parseDecimal } from '../../shared/money';
import type { ReviewReason, Sale } from '../../shared/sale';
import { newSaleId } from './ids';
import type { SalePatch, SalesStore } from './store/sales';
import { secretsMatch } from './webhook/verify';

export interface NoticeAnswer {
  /** HTTP status for the gateway: 200 once recorded (or already recorded), 4xx when refused. */
  status: 200 | 400 | 401;
  text: string;
  /** The sale that changed, to announce after the commit. */
  changed: Sale | null;
}

type Judgement =
  | { kind: 'paid'; overpaid: boolean }
  | { kind: 'review'; reason: ReviewReason; detail: string }
  | { kind: 'record-only'; detail: string };

/** Identifies a notice by what makes it a different payment, so a resend is recognised. */
export function noticeKey(notice: Notice): string {
  const identity = [notice.mitilenaInvoiceId, notice.yourPaymentId, notice.wasPaid, notice.blockchainHash, notice.stableCoinAmount];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** The notice as stored in sale_events: everything but the secret. */
export function redactNotice(notice: Notice): Omit<Notice, 'secretKey'> {
  const { secretKey: _secret, ...rest } = notice;
  return rest;
}

function sameText(a: string | null, b: string): boolean {
  return a === null || a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Compares what was paid with what the invoice asked; pure, so every rule is testable alone. */
export function judgeNotice(sale: Sale, notice: Notice, now: Date): Judgement {
  if (sale.invoiceId !== null && sale.invoiceId !== notice.mitilenaInvoiceId) {
    return { kind: 'review', reason: 'invoice-mismatch', detail: `The notice names invoice ${notice.mitilenaInvoiceId}, the sale has ${sale.invoiceId}` };
  }
  if (sale.status === 'paid') {
    return { kind: 'review', reason: 'paid-twice', detail: `Already paid (tx ${sale.txHash ?? 'unknown'}); another payment arrived (tx ${notice.blockchainHash ?? 'unknown'})` };
  }
  if (sale.status === 'review') return { kind: 'record-only', detail: 'Another notice for a sale already waiting for review' };
  if (sale.status === 'cancelled' || sale.status === 'expired' || sale.status === 'failed') {
    return { kind: 'review', reason: 'late', detail: `The payment arrived after the sale was ${sale.status}` };
  }
  if (sale.expiresAt !== null && Date.parse(sale.expiresAt) <= now.getTime()) {
    return { kind: 'review', reason: 'late', detail: `The payment arrived after the invoice expired at ${sale.expiresAt}` };
  }
  const network = NETWORKS[sale.blockchain].noticeName;
  if (notice.localCurrencyCode !== sale.currency || !sameText(sale.cryptoSymbol, notice.stableCoinSymbol) || (network !== null && !sameText(network, notice.stableCoinBlockchain))) {
    return {
      kind: 'review',
      reason: 'wrong-currency',
      detail: `Asked ${sale.currency} in ${sale.cryptoSymbol ?? 'crypto'} on ${network ?? sale.blockchain}; the notice says ${notice.localCurrencyCode} in ${notice.stableCoinSymbol} on ${notice.stableCoinBlockchain}`,
    };
  }
  const paidFiat = parseDecimal(notice.localCurrencyAmount);
  const paidCrypto = parseDecimal(notice.stableCoinAmount);
  const askedCrypto = sale.cryptoAmount === null ? null : parseDecimal(sale.cryptoAmount);
  if (!paidFiat || !paidCrypto) return { kind: 'review', reason: 'underpaid', detail: 'The notice amounts are not numbers' };
  const fiatOrder = compareDecimal(paidFiat, minorToExact(sale.amountMinor, sale.currency));
  const cryptoOrder = askedCrypto ? compareDecimal(paidCrypto, askedCrypto) : 0;
  if (fiatOrder < 0 || cryptoOrder < 0) {
    return {
      kind: 'review',
      reason: 'underpaid',
      detail: `Asked ${sale.cryptoAmount === null ? '' : `${sale.cryptoAmount} ${sale.cryptoSymbol ?? ''} for `}${formatMoney(sale.amountMinor, sale.currency)}; paid ${notice.stableCoinAmount} ${notice.stableCoinSymbol} (reported as ${notice.localCurrencyCode} ${notice.localCurrencyAmount})`,
    };
  }
  return { kind: 'paid', overpaid: fiatOrder > 0 || cryptoOrder > 0 };
}

export interface NoticeContext {
  store: SalesStore;
  apiKey: string;
  sandbox: boolean;
  /** The shop's network, used for a notice about a sale we never made whose network we cannot name. */
  blockchain: Blockchain;
  now: () => Date;
}

function blockchainNamed(name: string, fallback: Blockchain): Blockchain {
  const match = BLOCKCHAINS.find((code) => NETWORKS[code].noticeName !== null && sameText(NETWORKS[code].noticeName, name));
  return match ?? fallback;
}

/** Verifies, parses and records one notice; the whole ledger change is one transaction. */
export function receiveNotice(context: NoticeContext, signature: string | undefined, body: unknown): NoticeAnswer {
  if (!secretsMatch(signature, context.apiKey)) return { status: 401, text: 'bad Mitilena token', changed: null };
  const parsed = NoticeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 400, text: `incomplete or malformed notice: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`, changed: null };
  }
  const notice = parsed.data.statusObj;
  if (!secretsMatch(notice.secretKey, context.apiKey)) return { status: 401, text: 'bad Mitilena token', changed: null };

  const { store } = context;
  return store.db.transaction((): NoticeAnswer => {
    const key = noticeKey(notice);
    if (store.hasNotice(key)) return { status: 200, text: 'already recorded', changed: null };
    const now = context.now();
    const at = now.toISOString();
    const event = { cause: notice.wasPaid ? 'notice: paid' : 'notice: not paid', detail: redactNotice(notice), noticeKey: key };
    const sale = store.getSale(notice.yourPaymentId);

    if (!notice.wasPaid) {
      // Not a payment: kept in the sale's log when the sale is ours, nothing to decide.
      if (!sale) return { status: 200, text: 'unpaid status for a sale this counter does not know: nothing to record', changed: null };
      store.transition(sale.id, [sale.status], null, at, {}, event);
      return { status: 200, text: 'unpaid status recorded', changed: null };
    }
    const received: SalePatch = { paidCryptoAmount: notice.stableCoinAmount, txHash: notice.blockchainHash };
    if (!sale) return recordUnknownSale(context, notice, at, event, received);

    const judgement = judgeNotice(sale, notice, now);
    let changed: Sale | null;
    if (judgement.kind === 'paid') {
      changed = store.transition(sale.id, [sale.status], 'paid', at, { ...received, paidAt: at, overpaid: judgement.overpaid, invoiceId: sale.invoiceId ?? notice.mitilenaInvoiceId }, event);
    } else if (judgement.kind === 'review') {
      const patch: SalePatch = { reviewReason: judgement.reason, reviewDetail: judgement.detail };
      // A paid sale keeps the record of its first payment; the second one lives in the event.
      changed = store.transition(sale.id, [sale.status], 'review', at, sale.status === 'paid' ? patch : { ...patch, ...received }, { ...event, detail: { ...event.detail, judgement: judgement.detail } });
    } else {
      store.transition(sale.id, [sale.status], null, at, {}, { ...event, detail: { ...event.detail, judgement: judgement.detail } });
      changed = null;
    }
    return { status: 200, text: judgement.kind === 'paid' ? 'payment recorded' : 'payment recorded for review', changed };
  }).immediate();
}

/** A paid notice for a sale we never made is still money received: keep it as a sale in review. */
function recordUnknownSale(context: NoticeContext, notice: Notice, at: string, event: { cause: string; detail: unknown; noticeKey: string }, received: SalePatch): NoticeAnswer {
  const { store } = context;
  const currency = notice.localCurrencyCode;
  const amountMinor = isKnownCurrency(currency) ? (decimalToMinor(notice.localCurrencyAmount, currency) ?? 0) : 0;
  const invoiceTaken = store.getSaleByInvoiceId(notice.mitilenaInvoiceId) !== null;
  const sale = store.insertSale(
    {
      id: newSaleId(context.now()),
      status: 'review',
      amountMinor: Math.max(0, amountMinor),
      currency,
      note: '',
      sandbox: context.sandbox,
      blockchain: blockchainNamed(notice.stableCoinBlockchain, context.blockchain),
      requestId: null,
      webhookUrl: null,
      patch: {
        ...received,
        invoiceId: invoiceTaken ? null : notice.mitilenaInvoiceId,
        cryptoSymbol: notice.stableCoinSymbol,
        reviewReason: 'unknown-sale',
        reviewDetail: `Payment id ${notice.yourPaymentId}, invoice ${notice.mitilenaInvoiceId}, ${notice.localCurrencyAmount} ${currency}, ${notice.stableCoinAmount} ${notice.stableCoinSymbol} on ${notice.stableCoinBlockchain}`,
      },
    },
    at,
    event,
  );
  return { status: 200, text: 'payment recorded for review', changed: sale };
}
