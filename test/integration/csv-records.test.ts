// The export's records made from the one text SQLite joins per sale (csv-records.ts) are the records
// csvRecord makes from the sale's columns, byte for byte: for any values the ledger can hold (awkward
// text in every column, the unit separator itself, formula leads, NULL against empty, unknown
// currencies and networks, instants not in the stored form) and in time zones with DST and half-hour
// offsets. Real SQLite file, rows written straight into `sales`.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKCHAINS } from '../../shared/mitilena';
import { SALE_STATUSES } from '../../shared/sale';
import { CSV_RECORD_MAKER, recordOfSaleText, SALE_TEXT_SQL } from '../../electron/pos/owner/csv-records';
import { csvRecord, refreshLocalZone } from '../../electron/pos/owner/csv-rows';
import { csvLine } from '../../electron/pos/owner/csv-text';
import { EXPORT_SQL, exportRecords } from '../../electron/pos/store/export-rows';
import { Ledger } from '../../electron/pos/store/ledger';
import { registerSaleTotalFunctions } from '../../electron/pos/store/sale-totals-sql';
import { noteArbitrary } from '../helpers/csv-notes';
import { tempDir } from '../helpers/temp';

const RANGE = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns'];

/**
 * Text as it may sit in any text column: mostly plain (so whole sales take the path with no cell to
 * quote), else one awkward piece: the separator, a formula lead, a space at an end, or an awkward note.
 */
const text = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9.:_ -]{0,12}$/).filter((plain) => !/^[ -]| $/.test(plain)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u001F', 'a\u001Fb', '=1+1', '-0.5', '-', '+x', '@x', '\uFF1Dx', 'x ', ' x', '\tx', 'a,b', 'a"b', 'é☕') },
  { weight: 1, arbitrary: noteArbitrary },
);
const maybe = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(value, { nil: null, freq: 4 });

/** Instants: mostly the stored form around DST changes and day ends, some in other forms or none at all. */
const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: Date.parse('2025-12-31T00:00:00Z'), max: Date.parse('2027-01-02T00:00:00Z') }).map((ms) => new Date(ms).toISOString()) },
  { weight: 3, arbitrary: fc.constantFrom('2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z', '2026-12-31T23:59:59.999Z') },
  { weight: 1, arbitrary: fc.constantFrom('2026-11-26T10:05:09Z', '2026-11-26 10:05:09', '2026-11-26T10:05:09.123+02:00', '2026-02-30T10:00:00.000Z', '2026-11-26', '2026-99-99T99:99:99.999Z') },
);

const currency = fc.oneof(fc.constantFrom('EUR', 'USD', 'JPY', 'KWD', 'CLF', 'BHD', 'VND'), fc.constantFrom('ZZZ', '=AB', 'A,B', 'a"b', ' E '));
const minor = fc.oneof(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom(0, 1, 9, 10, 99, 100, 1000, 10000));

const saleArbitrary = fc.record({
  status: fc.constantFrom(...SALE_STATUSES),
  createdAt: instant,
  amountMinor: minor,
  currency,
  tipMinor: minor,
  recognisedMinor: maybe(minor),
  refundedMinor: minor,
  reviewReason: maybe(text),
  cryptoAmount: maybe(fc.oneof(text, fc.constantFrom('13.630007', '0.000000000000000001'))),
  paidCryptoAmount: maybe(fc.oneof(text, fc.constant('13.63'))),
  refundedCrypto: maybe(text),
  cryptoSymbol: maybe(fc.oneof(text, fc.constant('USDT'))),
  blockchain: fc.oneof(fc.constantFrom(...BLOCKCHAINS), fc.constantFrom('unknown-chain', '__proto__', 'toString', '=x')),
  address: maybe(text),
  invoiceId: maybe(text),
  txHash: maybe(text),
  paidAt: maybe(fc.oneof(instant, fc.constant(''))),
  confirmation: maybe(fc.constantFrom('chain-confirmed', 'recovered')),
  overpaid: fc.constantFrom(0, 1),
  sandbox: fc.constantFrom(0, 1),
  cashier: maybe(text),
  note: text,
  idText: text,
});
type ArbitrarySale = typeof saleArbitrary extends fc.Arbitrary<infer T> ? T : never;

let dir: ReturnType<typeof tempDir>;
let file: string;
let db: Database.Database;
const originalTz = process.env.TZ;

beforeAll(() => {
  dir = tempDir();
  file = join(dir.path, 'ledger.sqlite3');
  Ledger.open(file).close();
  db = new Database(file, { fileMustExist: true });
  // The kept totals' triggers call the app's functions (migration 0130).
  registerSaleTotalFunctions(db);
});
afterAll(() => {
  db.close();
  dir.remove();
});
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
  refreshLocalZone();
});

/** Replaces the ledger's sales with these, written as they are (ids and invoice ids kept unique). */
function storeSales(sales: readonly ArbitrarySale[]): void {
  const insert = db.prepare(`INSERT INTO sales (id, status, amount_minor, currency, note, created_at, updated_at, sandbox, blockchain,
    invoice_id, crypto_amount, crypto_symbol, address, review_reason, overpaid, paid_at, paid_crypto_amount, tx_hash, confirmation,
    tip_minor, cashier, recognised_minor, refunded_minor, refunded_crypto)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    db.exec('DELETE FROM sale_events; DELETE FROM sales;');
    sales.forEach((sale, index) => {
      insert.run(
        `${index}${sale.idText}`, sale.status, sale.amountMinor, sale.currency, sale.note, sale.createdAt, sale.createdAt, sale.sandbox, sale.blockchain,
        sale.invoiceId === null ? null : `${sale.invoiceId}#${index}`, sale.cryptoAmount, sale.cryptoSymbol, sale.address, sale.reviewReason, sale.overpaid,
        sale.paidAt, sale.paidCryptoAmount, sale.txHash, sale.confirmation, sale.tipMinor, sale.cashier, sale.recognisedMinor, sale.refundedMinor, sale.refundedCrypto,
      );
    });
  })();
}

/** Each sale's text as SQLite joins it, beside its columns as the export reads them. */
function textsAndRows(): { text: string; row: Parameters<typeof csvRecord>[0] }[] {
  const texts = db.prepare(`SELECT ${SALE_TEXT_SQL} FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`).pluck().all(RANGE.from, RANGE.to) as string[];
  const rows = db.prepare(EXPORT_SQL).raw(true).all(RANGE.from, RANGE.to) as Parameters<typeof csvRecord>[0][];
  expect(texts).toHaveLength(rows.length);
  return rows.map((row, index) => ({ text: texts[index] as string, row }));
}

describe("the export's records from one text per sale", () => {
  it('equal csvRecord byte for byte, sale by sale, in every zone (300 ledgers of up to 12 sales)', () => {
    let fromText = 0;
    fc.assert(
      fc.property(fc.array(saleArbitrary, { minLength: 1, maxLength: 12 }), fc.constantFrom(...ZONES), (sales, zone) => {
        storeSales(sales);
        process.env.TZ = zone;
        refreshLocalZone();
        for (const { text, row } of textsAndRows()) {
          const record = recordOfSaleText(text);
          // Only a value holding the separator sends a sale the long way.
          expect(record === null).toBe(row.some((value) => typeof value === 'string' && value.includes('\u001F')));
          if (record !== null) fromText++;
          expect(record ?? CSV_RECORD_MAKER.format(row)).toBe(csvLine(csvRecord(row)));
        }
      }),
      { numRuns: 300 },
    );
    // The test is about the fast path: most sales must have taken it.
    expect(fromText).toBeGreaterThan(500);
  });

  it('are, in order, what the export writes from the columns, separators and other forms included', () => {
    fc.assert(
      fc.property(fc.array(saleArbitrary, { minLength: 1, maxLength: 20 }), fc.constantFrom(...ZONES), (sales, zone) => {
        storeSales(sales);
        process.env.TZ = zone;
        refreshLocalZone();
        const fromColumns = textsAndRows()
          .map(({ row }) => csvLine(csvRecord(row)))
          .join('');
        expect([...exportRecords(file, RANGE, CSV_RECORD_MAKER)].join('')).toBe(fromColumns);
      }),
      { numRuns: 60 },
    );
  });
});
