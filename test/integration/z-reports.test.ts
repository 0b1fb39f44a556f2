// Z-reports against a real ledger: numbered in sequence and never reused, the same report when a day
// is closed twice, later changes as adjustments in the next report (never a rewrite), and figures
// that match the sales to the cent over random days of sales, tips, refunds and accepted underpayments.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveReview } from '../../electron/pos/owner/owner-actions';
import { refundSale } from '../../electron/pos/owner/refunds';
import { shopDayRange } from '../../electron/pos/owner/shop-time';
import { closeDay, getDayClose, listDayCloses } from '../../electron/pos/owner/z-report';
import { Ledger } from '../../electron/pos/store/ledger';
import type { Money, ZReport } from '../../shared/books';
import { countsAsMoney, type Sale } from '../../shared/sale';
import { bookSale, ownerDeps } from '../helpers/book-sales';
import { ledgerRows } from '../helpers/ledger-file';
import { manualClock, tempDir } from '../helpers/temp';

const OWNER = { role: 'owner', name: null } as const;
const DAY1 = '2026-11-24';
const DAY2 = '2026-11-25';
const DAY3 = '2026-11-26';

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let clock: ReturnType<typeof manualClock>;
beforeEach(() => {
  dir = tempDir();
  ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'), { syncEveryCommit: false });
  clock = manualClock(at(DAY3, 20 * 60));
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

/** `minutes` after the shop's midnight starting `day`. */
function at(day: string, minutes: number): Date {
  const range = shopDayRange(day);
  if (!range) throw new Error(`not a day: ${day}`);
  return new Date(Date.parse(range.from) + minutes * 60_000);
}

function close(day: string): ZReport {
  const result = closeDay({ ledger, now: clock.now }, day, OWNER);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const eur = (amountMinor: number): Money[] => (amountMinor === 0 ? [] : [{ currency: 'EUR', amountMinor }]);

describe('Z-reports', () => {
  it('numbers reports in sequence, never twice, and answers a second close of a day with the same report', () => {
    bookSale(ledger, { at: at(DAY1, 600), status: 'paid', amountMinor: 2000 });
    clock.set(at(DAY1, 23 * 60));
    const first = close(DAY1);
    expect(first.number).toBe(1);
    expect(first).toMatchObject({ day: DAY1, closedBy: OWNER, generatedAt: at(DAY1, 23 * 60).toISOString() });
    clock.advance(3_600_000);
    expect(close(DAY1)).toEqual(first);
    // A day that has not begun is refused and costs no number.
    const future = closeDay({ ledger, now: clock.now }, '2026-12-31', OWNER);
    expect(future.ok ? null : future.error.code).toBe('invalid-state');
    expect(closeDay({ ledger, now: clock.now }, '2026-02-30', OWNER)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    clock.set(at(DAY3, 23 * 60));
    expect(close(DAY3).number).toBe(2);
    // Days may be closed out of order; the numbers still follow the closing.
    expect(close(DAY2).number).toBe(3);
    expect(listDayCloses(ledger).map((entry) => [entry.number, entry.day])).toEqual([
      [3, DAY2],
      [2, DAY3],
      [1, DAY1],
    ]);
    expect(getDayClose(ledger, 1)).toEqual({ ok: true, value: first });
    expect(getDayClose(ledger, 9)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(ledgerRows(join(dir.path, 'ledger.sqlite3'), 'SELECT number FROM day_closes ORDER BY number')).toEqual([{ number: 1 }, { number: 2 }, { number: 3 }]);
  });

  it('books a refund made after closing as an adjustment in the next report, leaving the old one as it was', () => {
    const deps = ownerDeps(ledger, clock.now);
    const sale = bookSale(ledger, { at: at(DAY1, 600), status: 'paid', amountMinor: 2000, tipMinor: 200, asked: '21.5' });
    clock.set(at(DAY1, 18 * 60));
    const first = close(DAY1);
    expect(first.figures.live).toEqual({ paidCount: 1, gross: eur(2000), tips: eur(200), refunds: [], net: eur(2000) });
    // A sale made on the same day after it was closed.
    clock.set(at(DAY1, 19 * 60));
    const late = bookSale(ledger, { at: clock.now(), status: 'paid', amountMinor: 500 });

    clock.set(at(DAY2, 9 * 60));
    const refunded = refundSale(deps, { saleId: sale.id, amount: '10.75', txHash: '0xrefund0001', reason: 'one cup was broken' }, OWNER);
    expect(refunded).toMatchObject({ ok: true, value: { status: 'partly-refunded', refundedMinor: 1000, refundedCrypto: '10.75' } });
    bookSale(ledger, { at: at(DAY2, 600), status: 'paid', amountMinor: 300 });

    expect(close(DAY1)).toEqual(first);
    clock.set(at(DAY2, 23 * 60));
    const second = close(DAY2);
    expect(second.figures.live).toMatchObject({ paidCount: 1, gross: eur(300), net: eur(300) });
    expect(second.adjustments.sales).toEqual([
      { saleId: sale.id, day: DAY1, lastReport: 1, from: 'paid', to: 'partly-refunded', currency: 'EUR', sandbox: false, grossChangeMinor: 0, refundChangeMinor: 1000 },
      { saleId: late.id, day: DAY1, lastReport: null, from: null, to: 'paid', currency: 'EUR', sandbox: false, grossChangeMinor: 500, refundChangeMinor: 0 },
    ]);
    expect(second.adjustments.figures.live).toEqual({ paidCount: 1, gross: eur(500), tips: [], refunds: eur(1000), net: eur(-500) });
    expect(second.total.live).toMatchObject({ paidCount: 2, gross: eur(800), refunds: eur(1000), net: eur(-200) });
    expect(second.refunds).toMatchObject([{ saleId: sale.id, cryptoAmount: '10.75', fiatMinor: 1000, txHash: '0xrefund0001', reason: 'one cup was broken', by: OWNER }]);
    // The old report still says what it said.
    expect(getDayClose(ledger, 1)).toEqual({ ok: true, value: first });
    // Both reports together: what the books hold now.
    expect([first, second].flatMap((report) => report.total.live.net).reduce((sum, money) => sum + money.amountMinor, 0)).toBe(2000 + 500 + 300 - 1000);

    // Nothing changed since: the next report has no adjustments.
    clock.set(at(DAY3, 23 * 60));
    expect(close(DAY3).adjustments.sales).toEqual([]);
  });

  it('counts an accepted underpayment at the invoice rate and its tip in proportion', () => {
    const deps = ownerDeps(ledger, clock.now);
    const sale = bookSale(ledger, { at: at(DAY1, 600), status: 'review', amountMinor: 2000, tipMinor: 300, asked: '21.5', received: '10.75', reviewReason: 'underpaid' });
    const accepted = resolveReview(deps, { saleId: sale.id, decision: 'accept', reason: 'half now, she comes back' }, OWNER);
    expect(accepted).toMatchObject({ ok: true, value: { status: 'paid', recognisedMinor: 1000, paidAt: sale.paidAt } });
    const stated = bookSale(ledger, { at: at(DAY1, 601), status: 'review', amountMinor: 2000, asked: '21.5', received: '10.75', reviewReason: 'underpaid' });
    expect(resolveReview(deps, { saleId: stated.id, decision: 'accept', reason: 'rest paid in cash', amount: '20,00' }, OWNER)).toMatchObject({ ok: true, value: { recognisedMinor: 2000 } });
    clock.set(at(DAY1, 23 * 60));
    const report = close(DAY1);
    expect(report.figures.live).toMatchObject({ paidCount: 2, gross: eur(3000), tips: eur(150) });
    expect(report.figures.crypto).toEqual([{ token: 'USDT', blockchain: 'tether-trc20', received: '21.50', refunded: '0', net: '21.50' }]);
  });
});

// ---- the property: random days of sales, tips, refunds and accepted underpayments ----------------

interface DraftSale {
  day: 0 | 1;
  minute: number;
  amountMinor: number;
  tipPercent: number;
  kind: 'paid' | 'underpaid' | 'cancelled' | 'sandbox';
  /** Refunds in per-mille of what arrived, applied after the first close. */
  refunds: number[];
}

const draftSale: fc.Arbitrary<DraftSale> = fc.record({
  day: fc.constantFrom(0 as const, 1 as const),
  minute: fc.integer({ min: 0, max: 22 * 60 }),
  amountMinor: fc.integer({ min: 1, max: 500_000 }),
  tipPercent: fc.integer({ min: 0, max: 30 }),
  kind: fc.constantFrom('paid' as const, 'paid' as const, 'underpaid' as const, 'cancelled' as const, 'sandbox' as const),
  refunds: fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 2 }),
});

/** The crypto the invoice asked: 1.07 per unit of fiat, written with six decimals. */
const askedFor = (minor: number): string => (BigInt(minor) * 10_700n).toString().padStart(7, '0').replace(/(\d{6})$/, '.$1');
/** `perMille`/1000 of a six-decimal amount, at least one millionth. */
function partOf(amount: string, perMille: number): string {
  const units = BigInt(amount.replace('.', ''));
  const part = (units * BigInt(perMille)) / 1000n;
  return (part > 0n ? part : 1n).toString().padStart(7, '0').replace(/(\d{6})$/, '.$1');
}

/** Live takings of the sales in the books now, computed from the sales themselves. */
function liveFigures(sales: readonly Sale[]): { gross: number; refunds: number; tips: number } {
  const money = sales.filter((sale) => !sale.sandbox && countsAsMoney(sale.status));
  const gross = money.reduce((sum, sale) => sum + (sale.recognisedMinor as number), 0);
  const refunds = money.reduce((sum, sale) => sum + ledgerRefunds(sale), 0);
  const tips = money.reduce((sum, sale) => sum + (sale.recognisedMinor === sale.amountMinor ? sale.tipMinor : Math.floor((2 * sale.tipMinor * (sale.recognisedMinor as number) + sale.amountMinor) / (2 * sale.amountMinor))), 0);
  return { gross, refunds, tips };
}

let propertyLedger: Ledger;
const ledgerRefunds = (sale: Sale): number => propertyLedger.refundsOf(sale.id).reduce((sum, refund) => sum + refund.fiatMinor, 0);
const total = (list: readonly Money[]): number => list.reduce((sum, money) => sum + money.amountMinor, 0);

describe('Z-report figures (fast-check)', () => {
  it('match the sales to the cent, and two reports add up to the books after refunds and adjustments', () => {
    fc.assert(
      fc.property(fc.array(draftSale, { minLength: 1, maxLength: 12 }), (drafts) => {
        const runDir = tempDir();
        propertyLedger = Ledger.open(join(runDir.path, 'ledger.sqlite3'), { syncEveryCommit: false });
        const runClock = manualClock(at(DAY1, 0));
        const deps = ownerDeps(propertyLedger, runClock.now);
        try {
          const ids: string[] = [];
          for (const draft of drafts.filter((d) => d.day === 0)) ids.push(makeSale(propertyLedger, deps, DAY1, draft));
          runClock.set(at(DAY1, 23 * 60));
          const first = closeDay({ ledger: propertyLedger, now: runClock.now }, DAY1, OWNER);
          if (!first.ok) throw new Error(first.error.message);
          const day1 = ids.map((id) => propertyLedger.getSale(id) as Sale);
          const expected1 = liveFigures(day1);
          expect(total(first.value.figures.live.gross)).toBe(expected1.gross);
          expect(total(first.value.figures.live.tips)).toBe(expected1.tips);
          expect(total(first.value.figures.live.refunds)).toBe(expected1.refunds);
          expect(total(first.value.figures.live.net)).toBe(expected1.gross - expected1.refunds);
          expect(first.value.figures.statuses.reduce((sum, row) => sum + row.count, 0)).toBe(day1.length);

          // The next day: refunds on the first day's sales, and the second day's own sales.
          runClock.set(at(DAY2, 60));
          drafts.filter((d) => d.day === 0).forEach((draft, index) => {
            for (const perMille of draft.refunds) refundPart(deps, ids[index] as string, perMille);
          });
          const ids2 = drafts.filter((d) => d.day === 1).map((draft) => makeSale(propertyLedger, deps, DAY2, draft));
          runClock.set(at(DAY2, 23 * 60));
          const second = closeDay({ ledger: propertyLedger, now: runClock.now }, DAY2, OWNER);
          if (!second.ok) throw new Error(second.error.message);
          const now = liveFigures([...ids, ...ids2].map((id) => propertyLedger.getSale(id) as Sale));
          // Every refund is at most what its sale counted; the books never go below zero per sale.
          for (const id of ids) {
            const sale = propertyLedger.getSale(id) as Sale;
            expect(sale.refundedMinor).toBe(ledgerRefunds(sale));
            if (sale.recognisedMinor !== null) expect(sale.refundedMinor).toBeLessThanOrEqual(sale.recognisedMinor);
            if (sale.status === 'refunded') expect(sale.refundedMinor).toBe(sale.recognisedMinor);
          }
          const both = total(first.value.total.live.net) + total(second.value.total.live.net);
          expect(both).toBe(now.gross - now.refunds);
          expect(total(first.value.total.live.gross) + total(second.value.total.live.gross)).toBe(now.gross);
          expect(total(first.value.total.live.tips) + total(second.value.total.live.tips)).toBe(now.tips);
        } finally {
          propertyLedger.close();
          runDir.remove();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

function makeSale(target: Ledger, deps: ReturnType<typeof ownerDeps>, day: string, draft: DraftSale): string {
  const asked = askedFor(draft.amountMinor);
  const tipMinor = Math.floor((draft.amountMinor * draft.tipPercent) / 100);
  const base = { at: at(day, draft.minute), amountMinor: draft.amountMinor, tipMinor, asked };
  if (draft.kind === 'cancelled') return bookSale(target, { ...base, status: 'cancelled' }).id;
  if (draft.kind === 'sandbox') return bookSale(target, { ...base, status: 'paid', sandbox: true }).id;
  if (draft.kind === 'paid') return bookSale(target, { ...base, status: 'paid' }).id;
  const sale = bookSale(target, { ...base, status: 'review', received: partOf(asked, 400), reviewReason: 'underpaid' });
  const accepted = resolveReview(deps, { saleId: sale.id, decision: 'accept', reason: 'accepted what arrived' }, OWNER);
  if (!accepted.ok) throw new Error(accepted.error.message);
  // The invoice's rate, computed here on its own: amount × received / asked, half up.
  const expected = (2n * BigInt(draft.amountMinor) * BigInt(partOf(asked, 400).replace('.', '')) + BigInt(asked.replace('.', ''))) / (2n * BigInt(asked.replace('.', '')));
  expect(accepted.value.recognisedMinor).toBe(Number(expected));
  return sale.id;
}

function refundPart(deps: ReturnType<typeof ownerDeps>, saleId: string, perMille: number): void {
  const sale = propertyLedger.getSale(saleId) as Sale;
  if (!countsAsMoney(sale.status) || sale.status === 'refunded') return;
  const received = sale.paidCryptoAmount as string;
  const result = refundSale(deps, { saleId, amount: partOf(received, perMille), txHash: `0x${'cd'.repeat(32)}`, reason: 'customer asked' }, OWNER);
  // More than is left is refused with a sentence and changes nothing; anything else is recorded.
  if (!result.ok) expect(result.error.code).toBe('invalid-input');
}
