// The notice rules as pure functions: what a readable, verified notice means for the sale it names.
// What decides: the invoice id, whether it was paid, and both amounts, compared on their written
// digits. Labels (network, token, currency) decide only when they clearly name something else.
import { createHash } from 'node:crypto';
import { NETWORKS, type Notice } from '../../../shared/mitilena';
import { compareDecimal, formatMoney, minorToExact, parseDecimal } from '../../../shared/money';
import { countsAsMoney, type ReviewReason, type Sale } from '../../../shared/sale';
import { placeCurrency, placeNetwork, placeToken } from './labels';

export type Judgement =
  | { kind: 'paid'; overpaid: boolean; note?: string }
  | { kind: 'review'; reason: ReviewReason; detail: string }
  /** A payment that contradicts a sale already paid: kept as its own sale in review, the first stays paid. */
  | { kind: 'second-payment'; reason: ReviewReason; detail: string }
  | { kind: 'record-only'; detail: string };

/** "1.5804370" and "1.580437" are one amount: trailing zeros and a bare point do not make a new payment. */
function canonicalAmount(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A transaction hash without 0x, in lower case: the same transaction however it is spelled. */
export function bareHash(hash: string | null): string | null {
  if (hash === null) return null;
  const bare = hash.trim().replace(/^0x/i, '').toLowerCase();
  return bare === '' ? null : bare;
}

/** Identifies a notice by what makes it a different payment, so a resend is recognised. */
export function noticeKey(notice: Notice): string {
  const identity = [notice.mitilenaInvoiceId, notice.yourPaymentId, notice.wasPaid, bareHash(notice.blockchainHash), canonicalAmount(notice.stableCoinAmount)];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

function sameAmount(a: string | null, b: string): boolean {
  const left = a === null ? null : parseDecimal(a);
  const right = parseDecimal(b);
  return left !== null && right !== null && compareDecimal(left, right) === 0;
}

/** What the labels say, for the sale's log: '' when every given label is ours. */
function labelFindings(sale: Sale, notice: Notice): { other: string | null; unplaced: string[] } {
  const token = sale.cryptoSymbol ?? NETWORKS[sale.blockchain].token;
  const checks = [
    { label: 'currency', value: notice.localCurrencyCode, placement: placeCurrency(notice.localCurrencyCode, sale.currency) },
    { label: 'token', value: notice.stableCoinSymbol, placement: placeToken(notice.stableCoinSymbol, token) },
    { label: 'network', value: notice.stableCoinBlockchain, placement: placeNetwork(notice.stableCoinBlockchain, sale.blockchain) },
  ];
  const other = checks.find((check) => check.placement === 'other');
  const unplaced = checks.filter((check) => check.placement === 'unplaced' && check.value !== null).map((check) => `${check.label} "${check.value}"`);
  return {
    other: other
      ? `Asked ${sale.currency} in ${token} on ${NETWORKS[sale.blockchain].network}; the notice says ${notice.localCurrencyCode ?? '?'} in ${notice.stableCoinSymbol ?? '?'} on ${notice.stableCoinBlockchain ?? '?'}`
      : null,
    unplaced,
  };
}

/** A notice for a sale already paid: a resend changes nothing; anything else is a payment of its own. */
function judgePaidSale(sale: Sale, notice: Notice, invoiceDiffers: boolean): Judgement {
  const hash = bareHash(notice.blockchainHash);
  if (!invoiceDiffers && hash !== null && hash === bareHash(sale.txHash)) {
    // The late notice of a payment the counter already found on the chain (recovered): nothing new.
    return { kind: 'record-only', detail: `The notice of a payment already recorded (tx ${sale.txHash ?? ''})` };
  }
  // One side without a hash (a first notice without it, an owner's mark) and the same amount: the same payment.
  if (!invoiceDiffers && sameAmount(sale.paidCryptoAmount, notice.stableCoinAmount) && (!sale.txHash || hash === null)) {
    return { kind: 'record-only', detail: 'Another notice of the payment already recorded' };
  }
  const reason: ReviewReason = invoiceDiffers ? 'invoice-mismatch' : labelFindings(sale, notice).other ? 'wrong-currency' : 'paid-twice';
  return {
    kind: 'second-payment',
    reason,
    detail: `Sale ${sale.id} was already paid (tx ${sale.txHash ?? 'unknown'}); a notice of ${notice.stableCoinAmount} ${notice.stableCoinSymbol ?? ''} for invoice ${notice.mitilenaInvoiceId} arrived for it (tx ${notice.blockchainHash ?? 'unknown'})`,
  };
}

/** The amounts: both must reach what the sale asked, on their written digits. */
function judgeAmounts(sale: Sale, notice: Notice, notes: string[]): Judgement {
  const paidFiat = parseDecimal(notice.localCurrencyAmount);
  const paidCrypto = parseDecimal(notice.stableCoinAmount);
  if (!paidFiat || !paidCrypto) return { kind: 'review', reason: 'underpaid', detail: 'The notice amounts are not numbers' };
  const askedCrypto = sale.cryptoAmount === null ? null : parseDecimal(sale.cryptoAmount);
  const fiatOrder = compareDecimal(paidFiat, minorToExact(sale.amountMinor, sale.currency));
  const cryptoOrder = askedCrypto ? compareDecimal(paidCrypto, askedCrypto) : fiatOrder;
  const reported = `paid ${notice.stableCoinAmount} ${notice.stableCoinSymbol ?? ''} (reported as ${notice.localCurrencyCode ?? sale.currency} ${notice.localCurrencyAmount})`;
  const asked = `Asked ${sale.cryptoAmount === null ? '' : `${sale.cryptoAmount} ${sale.cryptoSymbol ?? ''} for `}${formatMoney(sale.amountMinor, sale.currency)}`;
  if (cryptoOrder < 0) return { kind: 'review', reason: 'underpaid', detail: `${asked}; ${reported}` };
  // The gateway's own fiat figure below the price: the gateway says less arrived, so the owner decides.
  if (fiatOrder < 0) return { kind: 'review', reason: 'underpaid', detail: `${asked}; ${reported}: the gateway reports less than the price` };
  if (askedCrypto && fiatOrder > 0) notes.push(`The notice reports ${notice.localCurrencyCode ?? sale.currency} ${notice.localCurrencyAmount}; the sale was ${formatMoney(sale.amountMinor, sale.currency)}`);
  const note = notes.join(' ');
  return note ? { kind: 'paid', overpaid: cryptoOrder > 0, note } : { kind: 'paid', overpaid: cryptoOrder > 0 };
}

/**
 * Compares a paid notice with the sale it names. `invoiceTaken`: the notice's invoice id belongs to
 * another sale of this counter (so it cannot be this sale's, even while this one has none yet).
 */
export function judgeNotice(sale: Sale, notice: Notice, now: Date, invoiceTaken = false): Judgement {
  const invoiceDiffers = sale.invoiceId !== null ? sale.invoiceId !== notice.mitilenaInvoiceId : invoiceTaken;
  // Paid, or paid and then (partly) refunded: the payment is in the books either way.
  if (countsAsMoney(sale.status)) return judgePaidSale(sale, notice, invoiceDiffers);
  if (invoiceDiffers) {
    return { kind: 'review', reason: 'invoice-mismatch', detail: `The notice names invoice ${notice.mitilenaInvoiceId}, the sale has ${sale.invoiceId ?? 'none yet (that invoice belongs to another sale)'}` };
  }
  if (sale.status === 'review') return { kind: 'record-only', detail: 'Another notice for a sale already waiting for review' };
  if (sale.status === 'cancelled' || sale.status === 'expired' || sale.status === 'failed' || sale.status === 'voided') {
    return { kind: 'review', reason: 'late', detail: `The payment arrived after the sale was ${sale.status}` };
  }
  if (sale.expiresAt !== null && Date.parse(sale.expiresAt) <= now.getTime()) {
    return { kind: 'review', reason: 'late', detail: `The payment arrived after the invoice expired at ${sale.expiresAt}` };
  }
  const labels = labelFindings(sale, notice);
  if (labels.other) return { kind: 'review', reason: 'wrong-currency', detail: labels.other };
  const notes = labels.unplaced.length
    ? [`The notice's ${labels.unplaced.join(', ')} could not be placed; the invoice id and the exact amount decided.`]
    : [];
  return judgeAmounts(sale, notice, notes);
}
