// One CSV row per sale: the columns, the query that feeds them, and the formatting of each cell.
// Pure functions, shared by the export worker and the tests.
import { minorToDecimal } from '../../../shared/money';
import type { ExportRow } from '../store/export-rows';
import { countsAsMoney, type SaleStatus } from '../../../shared/sale';
import { cryptoToken } from './figures';

export const CSV_COLUMNS = [
  'sale_id',
  /** When the sale started, ISO 8601 with the shop's UTC offset. */
  'created_at',
  /** The same instant as "YYYY-MM-DD HH:MM:SS" in the shop's time zone: a spreadsheet reads it as a date and time. */
  'local_time',
  'local_date',
  'status',
  'review_reason',
  /** What the invoice asked in fiat, the tip included. */
  'fiat_amount',
  'fiat_currency',
  /** The part of fiat_amount that is a tip (0 when none). */
  'tip',
  /** The fiat counted as takings (paid, partly refunded, refunded); empty when the sale counts nothing. */
  'fiat_recognised',
  /** Fiat refunded so far (0 when none). */
  'refunded',
  /** The crypto amount the invoice asked. */
  'crypto_asked',
  /** The crypto amount that arrived (empty when none did). */
  'crypto_received',
  'crypto_refunded',
  'crypto_token',
  'network',
  'receiving_address',
  'invoice_id',
  'tx_hash',
  /** When money arrived (also on a sale in review); empty when none did. */
  'paid_at',
  'confirmation',
  'overpaid',
  /** `live` or `sandbox`: a sandbox sale moved no real money, so a spreadsheet can leave it out of the takings. */
  'mode',
  /** Who took the sale, on a counter with cashiers. */
  'cashier',
  'note',
] as const;

const GENUINE_NUMBER = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet would start a formula with (ASCII, plus the full-width forms some apps normalise). */
const FORMULA_LEADS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Prefixes a single quote to a cell a spreadsheet would run as a formula; genuine numbers are left alone. */
export function neutralise(cell: string): string {
  if (cell === '' || !FORMULA_LEADS.has(cell[0] as string)) return cell;
  return GENUINE_NUMBER.test(cell) ? cell : `'${cell}`;
}

const pad = (value: number): string => String(value).padStart(2, '0');

const HOUR_MS = 3_600_000;
/** Offsets in minutes by UTC hour: time zone rules change on hour boundaries, and rows come in runs. */
const offsetByHour = new Map<number, number>();
let offsetZone = process.env.TZ;

/** The last UTC hour seen ("2026-11-26T10") and its local form, when the offset is whole hours. */
let lastHour = { key: '', local: '', offset: 0 };

/** Forgets the cached offsets when TZ was changed at run time (tests); cheap enough per batch, not per cell. */
export function refreshLocalZone(): void {
  if (process.env.TZ === offsetZone) return;
  offsetByHour.clear();
  lastHour = { key: '', local: '', offset: 0 };
  offsetZone = process.env.TZ;
}

function offsetMinutesAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = -new Date(hour * HOUR_MS).getTimezoneOffset();
    if (offsetByHour.size > 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** "2026-11-26T11:05:09" in this machine's time zone, and the offset in minutes; null when not an instant. */
function localParts(iso: string): { local: string; offset: number } | null {
  // Fast path for the stored form (2026-11-26T10:05:09.123Z) in a whole-hour zone: rows come in
  // time order, so the hour's local form is computed once and the minutes and seconds are copied.
  if (iso.length === 24 && iso[23] === 'Z' && iso[10] === 'T') {
    const key = iso.slice(0, 13);
    if (key !== lastHour.key) {
      const hourMs = Date.parse(`${key}:00:00.000Z`);
      const offset = Number.isNaN(hourMs) ? 1 : offsetMinutesAt(hourMs);
      lastHour = offset % 60 === 0 ? { key, local: new Date(hourMs + offset * 60_000).toISOString().slice(0, 13), offset } : { key: '', local: '', offset: 0 };
    }
    if (key === lastHour.key) return { local: lastHour.local + iso.slice(13, 19), offset: lastHour.offset };
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const offset = offsetMinutesAt(ms);
  return { local: new Date(ms + offset * 60_000).toISOString().slice(0, 19), offset };
}

function offsetText(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function localInstant(iso: string): string {
  const parts = localParts(iso);
  return parts ? `${parts.local}${offsetText(parts.offset)}` : iso;
}

/** created_at, local_time and local_date of the sale's start; the stored text and two empty cells when it is not an instant. */
export function createdCells(createdAt: string): [string, string, string] {
  const created = localParts(createdAt);
  return created ? [`${created.local}${offsetText(created.offset)}`, created.local.replace('T', ' '), created.local.slice(0, 10)] : [createdAt, '', ''];
}

/** paid_at in local time with its offset; empty when no money arrived. */
export function paidAtCell(paidAt: string | null): string {
  return paidAt ? localInstant(paidAt) : '';
}

/** YYYY-MM-DD in this machine's time zone. */
function localDate(date: Date): string {
  refreshLocalZone();
  return localParts(date.toISOString())?.local.slice(0, 10) ?? '';
}

export function fiatAmount(minor: number, currency: string): string {
  try {
    return minorToDecimal(minor, currency);
  } catch {
    // A currency this build does not know: minor units are still exact, and say so by the code.
    return String(minor);
  }
}

/** The crypto that arrived: the notice's amount; on a sale counted as money without one (an owner's mark before 0100), the amount asked. */
function cryptoArrived(status: string, paid: string | null, asked: string | null): string {
  if (paid !== null) return paid;
  return countsAsMoney(status as SaleStatus) ? (asked ?? '') : '';
}

/** The cells of one sale, in CSV_COLUMNS order, each already neutralised. */
export function csvRecord(row: ExportRow): string[] {
  const [id, createdAt, status, reviewReason, amountMinor, currency, cryptoAmount, paidCryptoAmount, cryptoSymbol, blockchain, address, invoiceId, txHash, paidAt, confirmation, overpaid, sandbox, tipMinor, cashier, note, recognisedMinor, refundedMinor, refundedCrypto] = row;
  const counts = countsAsMoney(status as SaleStatus);
  return [
    id,
    ...createdCells(createdAt),
    status,
    reviewReason ?? '',
    fiatAmount(amountMinor, currency),
    currency,
    fiatAmount(tipMinor, currency),
    counts ? fiatAmount(recognisedMinor ?? amountMinor, currency) : '',
    fiatAmount(refundedMinor, currency),
    cryptoAmount ?? '',
    cryptoArrived(status, paidCryptoAmount, cryptoAmount),
    refundedCrypto ?? '',
    cryptoToken(cryptoSymbol, blockchain),
    blockchain,
    address ?? '',
    invoiceId ?? '',
    txHash ?? '',
    paidAtCell(paidAt),
    confirmation ?? '',
    overpaid ? 'yes' : 'no',
    sandbox ? 'sandbox' : 'live',
    cashier ?? '',
    note,
  ].map(neutralise);
}

/** A file name for the range, in local dates: mitilena-sales-2026-11-01_2026-11-30.csv. */
export function exportFileName(from: string, to: string): string {
  const first = localDate(new Date(from));
  // `to` is exclusive: the last day included is the one before it.
  const last = localDate(new Date(new Date(to).getTime() - 1));
  return first === last ? `mitilena-sales-${first}.csv` : `mitilena-sales-${first}_${last}.csv`;
}
