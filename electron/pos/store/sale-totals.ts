// Reads of the sales' totals (migration 0130) over any range: the whole buckets from sale_totals and
// the edges from the sales themselves, by the same SQL (sale-totals-sql.ts), added up per key in SQLite.
import type { SaleStatus } from '../../../shared/sale';
import type { Blockchain } from '../../../shared/mitilena';
import { scaledToDecimal } from '../../../shared/money';
import type { Connection } from './connection';
import { rangePieces } from './range-pieces';
import { BIG_COLUMNS, contributionOf, CRYPTO_SPLIT, KEY_COLUMNS, SUM_COLUMNS } from './sale-totals-sql';
import { storedInstant } from './sale-rows';

/** The sales of one key in a range: how many, and what they add to the books. */
export interface TotalsGroup {
  status: SaleStatus;
  sandbox: boolean;
  currency: string;
  blockchain: Blockchain;
  token: string;
  count: number;
  amountMinor: number;
  /** The recognised fiat, tips and refunds of the sales that count as money (0 for the others). */
  grossMinor: number;
  tipMinor: number;
  refundMinor: number;
  /** The crypto received and refunded by sales that count as money, at the scale of their amounts; null when none had one. */
  cryptoReceived: string | null;
  cryptoRefunded: string | null;
  /** Live sales with a recognised amount: overpaid, confirmed on chain, recovered. */
  overpaid: number;
  chainConfirmed: number;
  recovered: number;
}

type Row = Record<(typeof KEY_COLUMNS)[number] | (typeof SUM_COLUMNS)[number], number | bigint | string> & Record<(typeof BIG_COLUMNS)[number], string | null>;

const SELECT_SUMS = `${KEY_COLUMNS.join(', ')}, ${SUM_COLUMNS.map((column) => `SUM(${column}) AS ${column}`).join(', ')}, ${BIG_COLUMNS.map((column) => `bigint_total(GROUP_CONCAT(${column})) AS ${column}`).join(', ')}`;
const STORED_COLUMNS = [...KEY_COLUMNS, ...SUM_COLUMNS, ...BIG_COLUMNS].join(', ');
const EDGE_PART = contributionOf('s');
const EDGE_COLUMNS = [...KEY_COLUMNS, ...SUM_COLUMNS, ...BIG_COLUMNS].map((column) => `${EDGE_PART[column]} AS ${column}`).join(', ');

function cryptoOf(scale: number, hi: number | bigint | string, lo: number | bigint | string, big: string | null): string | null {
  if (scale < 0) return null;
  return scaledToDecimal(BigInt(hi) * CRYPTO_SPLIT + BigInt(lo) + BigInt(big ?? 0), scale);
}

function groupOf(row: Row): TotalsGroup {
  const count = (column: (typeof SUM_COLUMNS)[number]): number => Number(row[column]);
  return {
    status: row.status as SaleStatus,
    sandbox: Number(row.sandbox) === 1,
    currency: String(row.currency),
    blockchain: String(row.blockchain) as Blockchain,
    token: String(row.token),
    count: count('sales'),
    amountMinor: count('amount_minor'),
    grossMinor: count('gross_minor'),
    tipMinor: count('tip_minor'),
    refundMinor: count('refund_minor'),
    cryptoReceived: cryptoOf(Number(row.received_scale), row.received_hi, row.received_lo, row.received_big),
    cryptoRefunded: cryptoOf(Number(row.refunded_scale), row.refunded_hi, row.refunded_lo, row.refunded_big),
    overpaid: count('overpaid'),
    chainConfirmed: count('chain_confirmed'),
    recovered: count('recovered'),
  };
}

/** The query of a range's groups (exported for the EXPLAIN QUERY PLAN test); null for an empty range. */
export function totalsQuery(filter: { from: string; to: string; status?: SaleStatus }): { sql: string; values: Record<string, string> } | null {
  const pieces = rangePieces(storedInstant(filter.from), storedInstant(filter.to));
  const values: Record<string, string> = {};
  const status = filter.status ? ' AND status = @status' : '';
  if (filter.status) values.status = filter.status;
  const parts: string[] = [];
  pieces.runs.forEach((run, index) => {
    Object.assign(values, { [`span${index}`]: run.span, [`from${index}`]: run.from, [`to${index}`]: run.to });
    parts.push(`SELECT ${STORED_COLUMNS} FROM sale_totals WHERE span = @span${index} AND bucket >= @from${index} AND bucket < @to${index}${status}`);
  });
  pieces.edges.forEach((edge, index) => {
    Object.assign(values, { [`edgeFrom${index}`]: edge.from, [`edgeTo${index}`]: edge.to });
    parts.push(`SELECT ${EDGE_COLUMNS} FROM sales s WHERE s.created_at >= @edgeFrom${index} AND s.created_at < @edgeTo${index}${status.replace('status', 's.status')}`);
  });
  if (parts.length === 0) return null;
  return { sql: `SELECT ${SELECT_SUMS} FROM (${parts.join(' UNION ALL ')}) GROUP BY ${KEY_COLUMNS.join(', ')}`, values };
}

export class SaleTotals {
  constructor(private readonly connection: Connection) {}

  /** The groups of the sales created in [from, to), of one status when given. */
  groups(filter: { from: string; to: string; status?: SaleStatus }): TotalsGroup[] {
    const query = totalsQuery(filter);
    if (!query) return [];
    const statement = this.connection.statement(query.sql).safeIntegers(true);
    return (statement.all(query.values) as Row[]).map(groupOf);
  }
}
