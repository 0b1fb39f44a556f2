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
  status: 200 | 400 | 401 | 503;
  text: string;
  /** The sale that changed, to announce after the commit. */
  changed: Sale | null;
}

type Judgement =
  | { kind: 'paid'; overpaid: boolean; note?: string }
  | { kind: 'review'; reason: ReviewReason; detail: string }
  /** A different payment for a sale already paid: kept as its own sale in review, the first stays paid. */
  | { kind: 'second-payment'; detail: string }
  | { kind: 'record-only'; detail: string };

/** "1.5804370" and "1.580437" are one amount: trailing zeros and a bare point do not make a new payment. */
function canonicalAmount(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Identifies a notice by what makes it a different payment, so a resend is recognised. */
export function noticeKey(notice: Notice): string {
  const hash = notice.blockchainHash === null ? null : notice.blockchainHash.trim().replace(/^0x/i, '').toLowerCase();
  const identity = [notice.mitilenaInvoiceId, notice.yourPaymentId, notice.wasPaid, hash, canonicalAmount(notice.stableCoinAmount)];
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

/** Two spellings of one transaction hash (0x or not, any case). */
function sameHash(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const bare = (hash: string) => hash.trim().replace(/^0x/i, '').toLowerCase();
  return bare(a) === bare(b);
}

/** Compares what was paid with what the invoice asked; pure, so every rule is testable alone. */
export function judgeNotice(sale: Sale, notice: Notice, now: Date): Judgement {
  if (sale.invoiceId !== null && sale.invoiceId !== notice.mitilenaInvoiceId) {
    return { kind: 'review', reason: 'invoice-mismatch', detail: `The notice names invoice ${notice.mitilenaInvoiceId}, the sale has ${sale.invoiceId}` };
  }
  if (sale.status === 'paid' && sameHash(sale.txHash, notice.blockchainHash)) {
    // The late notice of a payment the counter already found on the chain (recovered): nothing new.
    return { kind: 'record-only', detail: `The notice of a payment already recorded (tx ${sale.txHash ?? ''})` };
  }
  if (sale.status === 'paid') {
    const recorded = sale.paidCryptoAmount === null ? null : parseDecimal(sale.paidCryptoAmount);
    const amount = parseDecimal(notice.stableCoinAmount);
    const sameAmount = recorded !== null && amount !== null && compareDecimal(recorded, amount) === 0;
    // One side without a hash (a first notice without it, an owner's mark) and the same amount: the same payment.
    if (sameAmount && (!sale.txHash || !notice.blockchainHash)) {
      return { kind: 'record-only', detail: 'Another notice of the payment already recorded' };
    }
    return { kind: 'second-payment', detail: `Sale ${sale.id} was already paid (tx ${sale.txHash ?? 'unknown'}); another payment of ${notice.stableCoinAmount} ${notice.stableCoinSymbol} arrived for it (tx ${notice.blockchainHash ?? 'unknown'})` };
  }
  if (sale.status === 'review') return { kind: 'record-only', detail: 'Another notice for a sale already waiting for review' };
  if (sale.status === 'cancelled' || sale.status === 'expired' || sale.status === 'failed' || sale.status === 'voided') {
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
  // What arrived on the chain decides; the fiat figure is the gateway's conversion, only a fallback
  // while the invoice's crypto amount is unknown (a notice that beat the invoice answer).
  const order = askedCrypto ? compareDecimal(paidCrypto, askedCrypto) : fiatOrder;
  if (order < 0) {
    return {
      kind: 'review',
      reason: 'underpaid',
      detail: `Asked ${sale.cryptoAmount === null ? '' : `${sale.cryptoAmount} ${sale.cryptoSymbol ?? ''} for `}${formatMoney(sale.amountMinor, sale.currency)}; paid ${notice.stableCoinAmount} ${notice.stableCoinSymbol} (reported as ${notice.localCurrencyCode} ${notice.localCurrencyAmount})`,
    };
  }
  const note = askedCrypto && fiatOrder !== 0 ? `The notice reports ${notice.localCurrencyCode} ${notice.localCurrencyAmount}; the sale was ${formatMoney(sale.amountMinor, sale.currency)}` : undefined;
  return note ? { kind: 'paid', overpaid: order > 0, note } : { kind: 'paid', overpaid: order > 0 };
}

export interface NoticeContext {
  store: SalesStore;
  apiKey: string;
  log?: (line: string) => void;
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
    const text = `incomplete or malformed notice: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`;
    // It carried the right key, so it may be a real payment in a shape we did not expect: say so loudly.
    context.log?.(`webhook: refused a notice with the right key: ${text}`);
    return { status: 400, text, changed: null };
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
    if (!sale) {
      const detail = `Payment id ${notice.yourPaymentId}, invoice ${notice.mitilenaInvoiceId}, ${notice.localCurrencyAmount} ${notice.localCurrencyCode}, ${notice.stableCoinAmount} ${notice.stableCoinSymbol} on ${notice.stableCoinBlockchain}`;
      return { status: 200, text: 'payment recorded for review', changed: recordAsReviewSale(context, notice, at, event, received, 'unknown-sale', detail) };
    }

    const judgement = judgeNotice(sale, notice, now);
    let changed: Sale | null;
    if (judgement.kind === 'paid') {
      const detail = judgement.note ? { ...event.detail, note: judgement.note } : event.detail;
      changed = store.transition(sale.id, [sale.status], 'paid', at, { ...received, paidAt: at, overpaid: judgement.overpaid, invoiceId: sale.invoiceId ?? notice.mitilenaInvoiceId }, { ...event, detail });
    } else if (judgement.kind === 'second-payment') {
      // The first payment stands; the second is money received too, so the owner gets it as its own sale.
      changed = recordAsReviewSale(context, notice, at, event, received, 'paid-twice', judgement.detail);
      store.transition(sale.id, ['paid'], null, at, {}, { cause: 'another payment arrived', detail: { reviewSaleId: changed.id, txHash: notice.blockchainHash } });
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

/**
 * A payment that belongs to no open sale (a sale we never made, a second payment of a paid one) is
 * still money received: it becomes a sale of its own in review, with the reason.
 */
function recordAsReviewSale(context: NoticeContext, notice: Notice, at: string, event: { cause: string; detail: unknown; noticeKey: string }, received: SalePatch, reason: ReviewReason, detail: string): Sale {
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
        reviewReason: reason,
        reviewDetail: detail,
      },
    },
    at,
    event,
  );
  return sale;
}
