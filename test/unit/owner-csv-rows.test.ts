// The cell rules of the CSV export: formula neutralising, local timestamps with their offset,
// plain decimal amounts, and exact decimal sums.
import { afterEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRecord, exportFileName, neutralise, refreshLocalZone } from '../../electron/pos/owner/csv-rows';
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
      const row: ExportRow = ['sale-1', iso, 'paid', null, 100, 'EUR', null, null, null, 'tether-trc20', null, null, null, null, null, 0, 0, 0, null, '', null, 0, null];
      return [...csvRecord(row).slice(1, 3), csvRecord(row)[3] as string];
    };
    // created_at, local_time (what a spreadsheet reads as a date and time), local_date
    expect(createdCells('Asia/Kolkata', '2026-11-26T20:00:00.000Z')).toEqual(['2026-11-27T01:30:00+05:30', '2026-11-27 01:30:00', '2026-11-27']);
    expect(createdCells('America/New_York', '2026-11-26T03:00:00.000Z')).toEqual(['2026-11-25T22:00:00-05:00', '2026-11-25 22:00:00', '2026-11-25']);
    expect(createdCells('UTC', '2026-11-26T03:00:00.999Z')).toEqual(['2026-11-26T03:00:00+00:00', '2026-11-26 03:00:00', '2026-11-26']);
    expect(exportFileName('2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')).toBe('mitilena-sales-2026-11-26.csv');
    expect(exportFileName('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).toBe('mitilena-sales-2026-11-01_2026-11-30.csv');
  });

  it('writes amounts as plain decimals in the currency exponent, each column meaning one thing', () => {
    process.env.TZ = 'UTC';
    refreshLocalZone();
    const row: ExportRow = [
      'sale-1', '2026-11-26T10:00:00.000Z', 'paid', null, 1050, 'KWD', '3.5', null, null, 'mitilena-own', null, null, null, '2026-11-26T10:01:00.000Z', 'recovered', 1, 0, 105, 'Ana', '', null, 0, null,
    ];
    const cells = (exported: ExportRow): Record<string, string> => Object.fromEntries(CSV_COLUMNS.map((name, index) => [name, csvRecord(exported)[index] as string]));
    expect(cells(row)).toEqual({
      sale_id: 'sale-1',
      created_at: '2026-11-26T10:00:00+00:00',
      local_time: '2026-11-26 10:00:00',
      local_date: '2026-11-26',
      status: 'paid',
      review_reason: '',
      fiat_amount: '1.050',
      fiat_currency: 'KWD',
      tip: '0.105',
      fiat_recognised: '1.050',
      refunded: '0.000',
      crypto_asked: '3.5',
      // Marked paid before paid amounts were always kept: the amount asked is what the owner vouched for.
      crypto_received: '3.5',
      crypto_refunded: '',
      crypto_token: 'VMT',
      network: 'mitilena-own',
      receiving_address: '',
      invoice_id: '',
      tx_hash: '',
      paid_at: '2026-11-26T10:01:00+00:00',
      confirmation: 'recovered',
      overpaid: 'yes',
      mode: 'live',
      cashier: 'Ana',
      note: '',
    });
    const sandbox: ExportRow = [...row];
    sandbox[16] = 1;
    expect(cells(sandbox).mode).toBe('sandbox');
    const yen: ExportRow = [...row];
    yen[5] = 'JPY';
    expect(cells(yen).fiat_amount).toBe('1050');
    // An underpayment the owner accepted at the invoice's rate, then refunded in part.
    const accepted: ExportRow = [...row];
    accepted[2] = 'partly-refunded';
    accepted[7] = '1.75';
    accepted[20] = 525;
    accepted[21] = 100;
    accepted[22] = '0.5';
    expect(cells(accepted)).toMatchObject({ fiat_recognised: '0.525', refunded: '0.100', crypto_asked: '3.5', crypto_received: '1.75', crypto_refunded: '0.5' });
    // Money arrived but the owner has not decided: received, not counted.
    const review: ExportRow = [...row];
    review[2] = 'review';
    review[7] = '1.75';
    expect(cells(review)).toMatchObject({ fiat_recognised: '', crypto_received: '1.75', paid_at: '2026-11-26T10:01:00+00:00' });
    const cancelled: ExportRow = [...row];
    cancelled[2] = 'cancelled';
    cancelled[13] = null;
    expect(cells(cancelled)).toMatchObject({ crypto_asked: '3.5', crypto_received: '', paid_at: '' });
  });

  it('sums decimal strings exactly', () => {
    const sum = new DecimalSum();
    for (const text of ['0.1', '0.2', '0.000000000000000001', '7']) sum.add(text);
    expect(sum.toString()).toBe('7.300000000000000001');
    expect(sum.add('1e5')).toBe(false);
    expect(new DecimalSum().toString()).toBe('0');
  });
});
