// The CSV quoting, property-tested: whatever a note holds, the export's text parses back (with CR,
// LF and CRLF all ending records outside quotes, as spreadsheets read) to one record per sale
// with the note intact after formula neutralisation.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRecord, neutralise } from '../../electron/pos/owner/csv-rows';
import type { ExportRow } from '../../electron/pos/store/export-rows';
import { csvText } from '../../electron/pos/owner/csv-text';
import { noteArbitrary, STRICT_PARSE } from '../helpers/csv-notes';

function rowFor(note: string, index: number, sandbox: boolean): ExportRow {
  return [
    `sale-${index}`, '2026-11-26T10:00:00.000Z', 'paid', null, 1250 + index, 'EUR', '13.5', null, 'USDT', 'tether-trc20',
    'TRHpcBugcdEdD6BdW6k1Grtof6LBvRGWWJ', `inv-${index}`, null, '2026-11-26T10:01:00.000Z', null, 0, sandbox ? 1 : 0, 0, null, note, null, 0, null,
  ];
}

describe('CSV quoting', () => {
  it('parses back to one record per sale with every note intact, for any note (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(noteArbitrary, fc.boolean()), { minLength: 1, maxLength: 8 }), (sales) => {
        const text = csvText([[...CSV_COLUMNS], ...sales.map(([note, sandbox], i) => csvRecord(rowFor(note, i, sandbox)))]);
        const records = parse(text, { ...STRICT_PARSE, columns: true }) as Record<string, string>[];
        expect(records).toHaveLength(sales.length);
        records.forEach((record, i) => {
          const [note, sandbox] = sales[i] as [string, boolean];
          expect(record.sale_id).toBe(`sale-${i}`);
          expect(record.note).toBe(neutralise(note));
          expect(record.mode).toBe(sandbox ? 'sandbox' : 'live');
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it("quotes exactly as Papa Parse's unparse (quotes: false, CRLF), for any cells (2,000 runs)", () => {
    const cellArbitrary = fc.oneof(noteArbitrary, fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', ' ', '  ', ' a', 'a ', '"', '\uFEFF'));
    fc.assert(
      fc.property(fc.array(fc.array(cellArbitrary, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (records) => {
        expect(csvText(records)).toBe(Papa.unparse(records, { newline: '\r\n', header: false, quotes: false }) + '\r\n');
      }),
      { numRuns: 2_000 },
    );
  });

  it('quotes a field holding a bare line feed or carriage return', () => {
    const text = csvText([['a', 'lf\nbreak', 'cr\rbreak', 'plain']]);
    expect(text).toBe('a,"lf\nbreak","cr\rbreak",plain\r\n');
  });
});
