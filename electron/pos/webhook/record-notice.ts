// Turns a payment notice (CONTRACT.md §2) into a ledger change. A notice without a valid key changes
// nothing (401). A keyed notice that matches its invoice turns the sale paid; anything else that says
// "paid" is kept for the owner as `review` with a reason; a repeated notice changes nothing; and a
// keyed notice that cannot be read is kept (redacted) for the owner rather than refused, so a real
// payment in a shape nobody expected is never only a log line.
import { createHash } from 'node:crypto';
import { BLOCKCHAINS, NoticeSchema, type Blockchain, type Notice } from '../../../shared/mitilena';
import { decimalToMinor, isKnownCurrency } from '../../../shared/money';
import { countsAsMoney, type ReviewReason, type Sale } from '../../../shared/sale';
import { newSaleId } from '../ids';
import { redactSecrets } from '../net/redact';
import type { Ledger, SalePatch } from '../store/ledger';
import { judgeNotice, noticeKey } from './judge';
import { placeNetwork } from './labels';
import { keysVerify, type KeyFingerprints, type KeysNow } from './notice-keys';
import { namedIds, presentedKeys, readBody, storableNotice } from './read-notice';

export interface NoticeAnswer {
  /** HTTP status for the gateway: 200 once recorded (or already recorded), 4xx when refused. */
  status: 200 | 400 | 401 | 503;
  text: string;
  /** The sale that changed, to announce after the commit. */
  changed: Sale | null;
  /** A keyed notice could not be read and was kept: the owner's warnings changed. */
  unread?: boolean;
}

export interface NoticeContext {
  ledger: Ledger;
  keys: KeysNow;
  fingerprints: KeyFingerprints;
  log?: (line: string) => void;
  /** The shop's network and currency, for a payment for a sale we never made whose own we cannot name. */
  blockchain: Blockchain;
  currency: string;
  now: () => Date;
}

type Event = { cause: string; detail: unknown; noticeKey: string };

function blockchainNamed(label: string | null, fallback: Blockchain): Blockchain {
  return BLOCKCHAINS.find((code) => placeNetwork(label, code) === 'ours') ?? fallback;
}

/** Verifies, reads and records one notice; every ledger change is one transaction. */
export function receiveNotice(context: NoticeContext, signature: string | undefined, text: string): NoticeAnswer {
  const { ledger } = context;
  const read = readBody(text);
  const body = read.ok ? read.value : undefined;
  const presented = presentedKeys(signature, body);
  const ids = namedIds(body);
  const named = (ids.paymentId ? ledger.getSale(ids.paymentId) : null) ?? (ids.invoiceId ? ledger.getSaleByInvoiceId(ids.invoiceId) : null);
  const at = context.now().toISOString();
  const facts = named ? { sandbox: named.sandbox, keyFingerprint: ledger.keyFingerprintOf(named.id) } : null;
  if (!keysVerify(presented, facts, context.keys, context.fingerprints, ledger, at)) return { status: 401, text: 'bad Mitilena token', changed: null };
  const secrets = [...presented, context.keys.liveKey, context.keys.sandboxKey];

  if (!read.ok) return keepUnread(context, { text, secrets, reason: read.reason, sale: named, wasPaid: undefined });
  const parsed = NoticeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = `incomplete or malformed notice: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`;
    return keepUnread(context, { text, secrets, reason, sale: named, wasPaid: ids.wasPaid, body });
  }
  const notice = parsed.data.statusObj;
  const sandbox = named ? named.sandbox : presented.every((key) => key === context.keys.sandboxKey);
  const stored = storableNotice(body, secrets) as { statusObj?: unknown };
  return ledger.transaction(() => record(context, notice, { detail: stored.statusObj ?? stored, sandbox }));
}

function record(context: NoticeContext, notice: Notice, kept: { detail: unknown; sandbox: boolean }): NoticeAnswer {
  const { ledger } = context;
  const key = noticeKey(notice);
  if (ledger.hasNotice(key)) return { status: 200, text: 'already recorded', changed: null };
  const now = context.now();
  const at = now.toISOString();
  const event: Event = { cause: notice.wasPaid ? 'notice: paid' : 'notice: not paid', detail: kept.detail, noticeKey: key };
  const sale = ledger.getSale(notice.yourPaymentId);

  if (!notice.wasPaid) {
    // Not a payment: kept in the sale's log when the sale is ours, nothing to decide.
    if (!sale) return { status: 200, text: 'unpaid status for a sale this counter does not know: nothing to record', changed: null };
    ledger.appendEvent(sale.id, [sale.status], at, event);
    return { status: 200, text: 'unpaid status recorded', changed: null };
  }
  const received: SalePatch = { paidCryptoAmount: notice.stableCoinAmount, txHash: notice.blockchainHash };
  if (!sale) {
    const detail = `Payment id ${notice.yourPaymentId}, invoice ${notice.mitilenaInvoiceId}, ${notice.localCurrencyAmount} ${notice.localCurrencyCode ?? '?'}, ${notice.stableCoinAmount} ${notice.stableCoinSymbol ?? '?'} on ${notice.stableCoinBlockchain ?? '?'}`;
    const review = recordAsReviewSale(context, notice, at, event, received, { reason: 'unknown-sale', detail, sandbox: kept.sandbox });
    return { status: 200, text: 'payment recorded for review', changed: review };
  }

  const owner = ledger.getSaleByInvoiceId(notice.mitilenaInvoiceId);
  const judgement = judgeNotice(sale, notice, now, owner !== null && owner.id !== sale.id);
  const withJudgement = (detail: string) => ({ ...event, detail: { ...(event.detail as object), judgement: detail } });
  let changed: Sale | null;
  if (judgement.kind === 'paid') {
    const detail = judgement.note ? withJudgement(judgement.note) : event;
    changed = ledger.transition(sale.id, [sale.status], 'paid', at, { ...received, paidAt: at, overpaid: judgement.overpaid, invoiceId: sale.invoiceId ?? notice.mitilenaInvoiceId }, detail);
  } else if (judgement.kind === 'second-payment') {
    // The first payment stands; this one is money told of too, so the owner gets it as its own sale.
    changed = recordAsReviewSale(context, notice, at, event, received, { reason: judgement.reason, detail: judgement.detail, sandbox: sale.sandbox });
    ledger.appendEvent(sale.id, [sale.status], at, { cause: 'another payment arrived', detail: { reviewSaleId: changed.id, txHash: notice.blockchainHash, reason: judgement.reason } });
  } else if (judgement.kind === 'review') {
    // Money arrived, even if the owner must decide about it: paid_at says when.
    const patch: SalePatch = { reviewReason: judgement.reason, reviewDetail: judgement.detail, ...received, paidAt: at };
    changed = ledger.transition(sale.id, [sale.status], 'review', at, patch, withJudgement(judgement.detail));
  } else {
    ledger.appendEvent(sale.id, [sale.status], at, withJudgement(judgement.detail));
    changed = null;
  }
  return { status: 200, text: judgement.kind === 'paid' ? 'payment recorded' : 'payment recorded for review', changed };
}

/**
 * A payment that belongs to no open sale (a sale we never made, a notice contradicting a paid one)
 * is still money told of: it becomes a sale of its own in review, with the reason.
 */
function recordAsReviewSale(context: NoticeContext, notice: Notice, at: string, event: Event, received: SalePatch, why: { reason: ReviewReason; detail: string; sandbox: boolean }): Sale {
  const { ledger } = context;
  const code = notice.localCurrencyCode?.toUpperCase() ?? '';
  const known = isKnownCurrency(code);
  const amountMinor = known ? (decimalToMinor(notice.localCurrencyAmount, code) ?? 0) : 0;
  const invoiceTaken = ledger.getSaleByInvoiceId(notice.mitilenaInvoiceId) !== null;
  return ledger.insertSale(
    {
      id: newSaleId(context.now()),
      status: 'review',
      amountMinor: Math.max(0, amountMinor),
      currency: known ? code : context.currency,
      note: '',
      sandbox: why.sandbox,
      blockchain: blockchainNamed(notice.stableCoinBlockchain, context.blockchain),
      requestId: null,
      webhookUrl: null,
      patch: {
        ...received,
        paidAt: at,
        invoiceId: invoiceTaken ? null : notice.mitilenaInvoiceId,
        cryptoSymbol: notice.stableCoinSymbol,
        reviewReason: why.reason,
        reviewDetail: known ? why.detail : `${why.detail} (the notice names no currency the counter knows: the fiat amount is not counted)`,
      },
    },
    at,
    event,
  );
}

interface Unreadable {
  text: string;
  secrets: readonly (string | null | undefined)[];
  reason: string;
  sale: Sale | null;
  wasPaid: unknown;
  body?: unknown;
}

/**
 * A notice with a valid key that cannot be read: kept, redacted, once; the sale it names (if ours)
 * waits for review with the reason, unless it is paid (a paid sale stays paid) or the notice plainly
 * says "not paid". The gateway hears 200: it is recorded, and resending it would not help.
 */
function keepUnread(context: NoticeContext, unread: Unreadable): NoticeAnswer {
  const { ledger } = context;
  const at = context.now().toISOString();
  const kept = unread.body === undefined ? redactSecrets(unread.text, unread.secrets) : JSON.stringify(storableNotice(unread.body, unread.secrets));
  const bodySha256 = createHash('sha256').update(unread.text).digest('hex');
  const sale = unread.sale;
  const changed = ledger.transaction((): Sale | null | 'duplicate' => {
    if (!ledger.recordUnreadNotice({ at, saleId: sale?.id ?? null, reason: unread.reason, body: kept, bodySha256 })) return 'duplicate';
    if (!sale) return null;
    const event = { cause: 'notice: unreadable', detail: { reason: unread.reason } };
    const review = unread.wasPaid !== false && !countsAsMoney(sale.status) && sale.status !== 'review';
    if (!review) return (ledger.appendEvent(sale.id, [sale.status], at, event), null);
    const detail = `A notice with the right key arrived for this sale but could not be read (${unread.reason}); it is kept in the ledger. Check the payment before deciding.`;
    return ledger.transition(sale.id, [sale.status], 'review', at, { reviewReason: 'unreadable-notice', reviewDetail: detail }, event);
  });
  if (changed === 'duplicate') return { status: 200, text: 'already recorded', changed: null };
  context.log?.(`webhook: kept a notice with the right key that could not be read (${unread.reason})${sale ? ` for sale ${sale.id}` : ''}`);
  return { status: 200, text: 'kept for the owner: the notice could not be read', changed, unread: true };
}
