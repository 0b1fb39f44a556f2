// What one sale adds to the books, and the figures of many: the one set of rules the day close, the
// Z-report and its adjustments share. Pure; money in integer minor units, crypto as exact decimals.
import type { BookFigures, Money, ModeFigures } from '../../../shared/books';
import { addMoney } from '../../../shared/books';
import type { Blockchain } from '../../../shared/mitilena';
import { countsAsMoney, SALE_STATUSES, type Sale, type SaleStatus } from '../../../shared/sale';
import { cryptoReceived, cryptoToken, DecimalSum } from './figures';

/** One sale's part of the books at a moment: what a Z-report line keeps. */
export interface SaleBooks {
  status: SaleStatus;
  currency: string;
  sandbox: boolean;
  /** What the sale asked (the tip included). */
  amountMinor: number;
  /** The fiat recognised as takings (0 unless the sale counts as money). */
  grossMinor: number;
  /** The tip inside gross. */
  tipMinor: number;
  refundMinor: number;
  token: string;
  blockchain: Blockchain;
  /** Crypto received by a sale that counts as money; null otherwise. */
  cryptoReceived: string | null;
  cryptoRefunded: string | null;
}

/** a × b / c, rounded half up, in integers (never a float). */
export function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
  if (c === 0n) return 0n;
  return (2n * a * b + c) / (2n * c);
}

/** The tip counts in the proportion its sale was recognised (all of it when the whole price was). */
export function recognisedTip(sale: Pick<Sale, 'amountMinor' | 'tipMinor'>, grossMinor: number): number {
  if (grossMinor >= sale.amountMinor) return sale.tipMinor;
  return Number(mulDivRound(BigInt(sale.tipMinor), BigInt(grossMinor), BigInt(sale.amountMinor)));
}

export function booksOf(sale: Sale): SaleBooks {
  const money = countsAsMoney(sale.status);
  const grossMinor = money ? (sale.recognisedMinor ?? sale.amountMinor) : 0;
  return {
    status: sale.status,
    currency: sale.currency,
    sandbox: sale.sandbox,
    amountMinor: sale.amountMinor,
    grossMinor,
    tipMinor: money ? recognisedTip(sale, grossMinor) : 0,
    refundMinor: money ? sale.refundedMinor : 0,
    token: cryptoToken(sale.cryptoSymbol, sale.blockchain),
    blockchain: sale.blockchain,
    cryptoReceived: money ? cryptoReceived(sale.paidCryptoAmount, sale.cryptoAmount) : null,
    cryptoRefunded: money ? sale.refundedCrypto : null,
  };
}

export function sameBooks(a: SaleBooks, b: SaleBooks): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A line of the books: a sale's part counted once (+1), or taken back by a later report (-1). */
export interface BookEntry {
  books: SaleBooks;
  sign: 1 | -1;
  /** How many sales the line adds up (a group of the kept totals); 1 when absent. */
  count?: number;
}

function signed(text: string, sign: 1 | -1): string {
  if (sign === 1) return text;
  return text.startsWith('-') ? text.slice(1) : `-${text}`;
}

class ModeTotals {
  paidCount = 0;
  readonly gross = new Map<string, number>();
  readonly tips = new Map<string, number>();
  readonly refunds = new Map<string, number>();

  add({ books, sign, count = 1 }: BookEntry): void {
    if (!countsAsMoney(books.status)) return;
    this.paidCount += sign * count;
    const bump = (map: Map<string, number>, minor: number): void => void map.set(books.currency, (map.get(books.currency) ?? 0) + sign * minor);
    bump(this.gross, books.grossMinor);
    bump(this.tips, books.tipMinor);
    bump(this.refunds, books.refundMinor);
  }

  figures(): ModeFigures {
    const list = (map: Map<string, number>): Money[] => addMoney([...map].map(([currency, amountMinor]) => ({ currency, amountMinor })));
    const gross = list(this.gross);
    const refunds = list(this.refunds);
    return { paidCount: this.paidCount, gross, tips: list(this.tips), refunds, net: addMoney(gross, refunds.map((money) => ({ ...money, amountMinor: -money.amountMinor }))) };
  }
}

/** Adds two modes' figures (a report's day and its adjustments). */
export function addModes(a: ModeFigures, b: ModeFigures): ModeFigures {
  return {
    paidCount: a.paidCount + b.paidCount,
    gross: addMoney(a.gross, b.gross),
    tips: addMoney(a.tips, b.tips),
    refunds: addMoney(a.refunds, b.refunds),
    net: addMoney(a.net, b.net),
  };
}

/** The figures of a set of book lines: per status, per mode (live, sandbox), and crypto per token and network (live). */
export function summarize(entries: Iterable<BookEntry>): BookFigures {
  const statuses = new Map<SaleStatus, { count: number; amounts: Money[] }>();
  const live = new ModeTotals();
  const sandbox = new ModeTotals();
  const crypto = new Map<string, { token: string; blockchain: Blockchain; received: DecimalSum; refunded: DecimalSum }>();
  for (const entry of entries) {
    const { books, sign, count = 1 } = entry;
    const status = statuses.get(books.status) ?? { count: 0, amounts: [] };
    statuses.set(books.status, { count: status.count + sign * count, amounts: addMoney(status.amounts, [{ currency: books.currency, amountMinor: sign * books.amountMinor }]) });
    (books.sandbox ? sandbox : live).add(entry);
    if (books.sandbox || books.cryptoReceived === null) continue;
    const key = `${books.token}\u0000${books.blockchain}`;
    const sums = crypto.get(key) ?? { token: books.token, blockchain: books.blockchain, received: new DecimalSum(), refunded: new DecimalSum() };
    crypto.set(key, sums);
    sums.received.add(signed(books.cryptoReceived, sign));
    if (books.cryptoRefunded) sums.refunded.add(signed(books.cryptoRefunded, sign));
  }
  return {
    statuses: SALE_STATUSES.filter((status) => statuses.get(status)?.count || statuses.get(status)?.amounts.length).map((status) => ({ status, ...(statuses.get(status) as { count: number; amounts: Money[] }) })),
    live: live.figures(),
    sandbox: sandbox.figures(),
    crypto: [...crypto.values()]
      .filter((sums) => !sums.received.isZero() || !sums.refunded.isZero())
      .sort((a, b) => a.token.localeCompare(b.token) || a.blockchain.localeCompare(b.blockchain))
      .map((sums) => {
        const net = new DecimalSum();
        net.add(sums.received.toString());
        net.add(signed(sums.refunded.toString(), -1));
        return { token: sums.token, blockchain: sums.blockchain, received: sums.received.toString(), refunded: sums.refunded.toString(), net: net.toString() };
      }),
  };
}
