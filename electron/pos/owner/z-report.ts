// Z-reports: closing a day stores its report for good under the next number, with one line per sale
// saying what it counted. Closing the same day again returns that report. A later change to a sale of
// a closed day (a refund, a resolved review, a sale made after closing) is never written into the old
// report: the next report takes back what was counted (a reversal line) and counts what is true now
// (a rebook line), listed as adjustments. All in one transaction.
import type { Actor } from '../../../shared/access';
import { ZReportSchema, type AdjustedSale, type Refund, type ZReport, type ZReportEntry } from '../../../shared/books';
import { fail, ok, type Result } from '../../../shared/result';
import type { Sale } from '../../../shared/sale';
import type { Ledger, StoredDayClose } from '../store/ledger';
import { addModes, booksOf, sameBooks, summarize, type BookEntry, type SaleBooks } from './books';
import { shopDayRange, shopTimeZone } from './shop-time';

export interface ZReportDeps {
  ledger: Ledger;
  now: () => Date;
}

export interface Adjustment {
  sale: Sale;
  day: string;
  last: { reportNumber: number; books: SaleBooks } | null;
  now: SaleBooks;
}

const readReport = (stored: StoredDayClose): ZReport => ZReportSchema.parse(JSON.parse(stored.report));

/** Sales of closed days changed since the previous report, whose books differ from what was last counted. */
function findAdjustments(ledger: Ledger, afterEventId: number, day: string): Adjustment[] {
  const found: Adjustment[] = [];
  for (const { sale, day: saleDay } of ledger.changedInClosedDays(afterEventId, day)) {
    const counted = ledger.lastCountedLine(sale.id);
    const last = counted ? { reportNumber: counted.reportNumber, books: JSON.parse(counted.snapshot) as SaleBooks } : null;
    const now = booksOf(sale);
    if (last && sameBooks(last.books, now)) continue;
    found.push({ sale, day: saleDay, last, now });
  }
  return found;
}

function adjustmentEntries(adjustments: readonly Adjustment[]): BookEntry[] {
  return adjustments.flatMap((adjustment) => [
    ...(adjustment.last ? [{ books: adjustment.last.books, sign: -1 as const }] : []),
    { books: adjustment.now, sign: 1 as const },
  ]);
}

function adjustedSale(adjustment: Adjustment): AdjustedSale {
  const { sale, last, now } = adjustment;
  return {
    saleId: sale.id,
    day: adjustment.day,
    lastReport: last?.reportNumber ?? null,
    from: last?.books.status ?? null,
    to: now.status,
    currency: now.currency,
    sandbox: now.sandbox,
    grossChangeMinor: now.grossMinor - (last?.books.grossMinor ?? 0),
    refundChangeMinor: now.refundMinor - (last?.books.refundMinor ?? 0),
  };
}

/** The refunds behind the report: every refund of the day's sales, and those of adjusted sales recorded since the previous report. */
function refundsBehind(ledger: Ledger, daySales: readonly Sale[], adjustments: readonly Adjustment[], afterRefundId: number): Refund[] {
  const adjusted = new Set(adjustments.map((adjustment) => adjustment.sale.id));
  const refunds = new Map<number, Refund>();
  for (const sale of daySales) if (sale.refundedCrypto !== null) for (const refund of ledger.refundsOf(sale.id)) refunds.set(refund.id, refund);
  for (const refund of ledger.refundsAfter(afterRefundId)) if (adjusted.has(refund.saleId)) refunds.set(refund.id, refund);
  return [...refunds.values()].sort((a, b) => a.id - b.id);
}

/** A report's body from the day's sales, the adjustments and the refunds behind it: the shop's Z-report (shop/desk) is made by it too. */
export function reportBody(day: string, range: { from: string; to: string }, generatedAt: string, closedBy: Actor | null, parts: { daySales: readonly Sale[]; adjustments: readonly Adjustment[]; refunds: Refund[] }): Omit<ZReport, 'number'> {
  const { daySales, adjustments } = parts;
  const figures = summarize(daySales.map((sale) => ({ books: booksOf(sale), sign: 1 as const })));
  const changes = summarize(adjustmentEntries(adjustments));
  return {
    day,
    from: range.from,
    to: range.to,
    timeZone: shopTimeZone(),
    generatedAt,
    closedBy,
    figures,
    review: daySales
      .filter((sale) => sale.status === 'review')
      .map((sale) => ({ saleId: sale.id, createdAt: sale.createdAt, amountMinor: sale.amountMinor, currency: sale.currency, sandbox: sale.sandbox, reviewReason: sale.reviewReason, reviewDetail: sale.reviewDetail })),
    adjustments: { figures: changes, sales: adjustments.map(adjustedSale) },
    total: { live: addModes(figures.live, changes.live), sandbox: addModes(figures.sandbox, changes.sandbox) },
    refunds: parts.refunds,
  };
}

function buildReport(ledger: Ledger, day: string, range: { from: string; to: string }, generatedAt: string, closedBy: Actor | null): { report: Omit<ZReport, 'number'>; daySales: Sale[]; adjustments: Adjustment[] } {
  const previous = ledger.latestDayClose();
  const daySales = ledger.salesIn(range);
  const adjustments = findAdjustments(ledger, previous?.eventCutoff ?? 0, day);
  const report = reportBody(day, range, generatedAt, closedBy, { daySales, adjustments, refunds: refundsBehind(ledger, daySales, adjustments, previous?.refundCutoff ?? 0) });
  return { report, daySales, adjustments };
}

/** Closes the shop's day `day` ("2026-11-26"): the stored report when there is one, else a new one. */
export function closeDay(deps: ZReportDeps, day: string, closedBy: Actor | null): Result<ZReport> {
  const range = shopDayRange(day);
  if (!range) return fail('invalid-input', `${day} is not a day of the calendar`);
  const { ledger } = deps;
  return ledger.transaction((): Result<ZReport> => {
    const stored = ledger.dayCloseByDay(day);
    if (stored) return ok(readReport(stored));
    const now = deps.now();
    if (Date.parse(range.from) > now.getTime()) return fail('invalid-state', 'That day has not begun yet; a day is closed at its end, or later.');
    const { report, daySales, adjustments } = buildReport(ledger, day, range, now.toISOString(), closedBy);
    let full: ZReport | null = null;
    const number = ledger.insertDayClose(
      { day, fromAt: new Date(range.from).toISOString(), toAt: new Date(range.to).toISOString(), generatedAt: report.generatedAt, eventCutoff: ledger.lastEventId(), refundCutoff: ledger.lastRefundId() },
      (next) => {
        full = { number: next, ...report };
        return JSON.stringify(full);
      },
    );
    for (const sale of daySales) ledger.addDayCloseLine(number, sale.id, 'day', JSON.stringify(booksOf(sale)));
    for (const adjustment of adjustments) {
      if (adjustment.last) ledger.addDayCloseLine(number, adjustment.sale.id, 'reversal', JSON.stringify(adjustment.last.books));
      ledger.addDayCloseLine(number, adjustment.sale.id, 'rebook', JSON.stringify(adjustment.now));
    }
    return ok(full as unknown as ZReport);
  });
}

export function getDayClose(ledger: Ledger, number: number): Result<ZReport> {
  const stored = ledger.dayCloseByNumber(number);
  return stored ? ok(readReport(stored)) : fail('not-found', `There is no Z-report number ${number}`);
}

/** The stored reports, newest first, as the list to reprint from. */
export function listDayCloses(ledger: Ledger, limit = 100): ZReportEntry[] {
  return ledger.listDayCloses(limit).map((stored) => {
    const report = readReport(stored);
    return { number: report.number, day: report.day, generatedAt: report.generatedAt, closedBy: report.closedBy, net: report.total.live.net };
  });
}
