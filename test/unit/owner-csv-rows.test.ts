// The cell rules of the CSV export: formula neutralising, local timestamps with their offset,
// plain decimal amounts, and exact decimal sums.
import { afterEach, describe, expect, it } from 'vitest';
import { csvRecord, exportFileName, neutralise, refreshLocalZone } from '../../electron/pos/owner/csv-rows';
import type { ExportRow } from '../../electron/pos/store/export-rows';
import { DecimalSum } from '../../electron/pos/owner/figures';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run, and leaves genuine numbers alone', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutralise(`${lead}cmd`)).toBe(`'${lead}cmd`);
    expect(neutralise('-12.50')).toBe('-12.50');
    expect(neutralise('-3')).toBe('-3');
    expect(neutralise('+3')).toBe("'+3");
    expect(neutralise('-1e5')).toBe("'-1e5");
    expect(neutralise('-')).toBe("'-");
    expect(neutralise('\uFF1DSUM(1)')).toBe("'\uFF1DSUM(1)");
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise('')).toBe('');
  });

  it('writes instants in the machine time zone with their offset, and the local date', () => {
    /** The created_at and local_date cells of a sale created at `iso`, in time zone `zone`. */
    const createdCells = (zone: string, iso: string): string[] => {
      process.env.TZ = zone;
      refreshLocalZone();
      const row: ExportRow = ['sale-1', iso, 'paid', null, 100, 'EUR', null, null, null, 'tether-trc20', null, null, null, null, null, 0, 0, 0, null, ''];
      return csvRecord(row).slice(1, 3);
    };
    expect(createdCells('Asia/Kolkata', '2026-11-26T20:00:00.000Z')).toEqual(['2026-11-27T01:30:00+05:30', '2026-11-27']);
    expect(createdCells('America/New_York', '2026-11-26T03:00:00.000Z')).toEqual(['2026-11-25T22:00:00-05:00', '2026-11-25']);
    expect(createdCells('UTC', '2026-11-26T03:00:00.999Z')).toEqual(['2026-11-26T03:00:00+00:00', '2026-11-26']);
    expect(exportFileName('2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')).toBe('mitilena-sales-2026-11-26.csv');
    expect(exportFileName('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).toBe('mitilena-sales-2026-11-01_2026-11-30.csv');
  });

  it('writes amounts as plain decimals in the currency exponent', () => {
    process.env.TZ = 'UTC';
    refreshLocalZone();
    const row: ExportRow = [
      'sale-1', '2026-11-26T10:00:00.000Z', 'paid', null, 1050, 'KWD', '3.5', null, null, 'mitilena-own', null, null, null, '2026-11-26T10:01:00.000Z', 'recovered', 1, 0, 105, 'Ana', '',
    ];
    expect(csvRecord(row)).toEqual(['sale-1', '2026-11-26T10:00:00+00:00', '2026-11-26', 'paid', '', '1.050', 'KWD', '0.105', '3.5', 'VMT', 'mitilena-own', '', '', '', '2026-11-26T10:01:00+00:00', 'recovered', 'yes', 'live', 'Ana', '']);
    const sandbox: ExportRow = [...row];
    sandbox[16] = 1;
    expect(csvRecord(sandbox)[17]).toBe('sandbox');
    const yen: ExportRow = [...row];
    yen[5] = 'JPY';
    expect(csvRecord(yen)[5]).toBe('1050');
  });

  it('sums decimal strings exactly', () => {
    const sum = new DecimalSum();
    for (const text of ['0.1', '0.2', '0.000000000000000001', '7']) sum.add(text);
    expect(sum.toString()).toBe('7.300000000000000001');
    expect(sum.add('1e5')).toBe(false);
    expect(new DecimalSum().toString()).toBe('0');
  });
});
