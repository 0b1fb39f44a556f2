// The CSV export end to end: a real ledger file, the real worker thread, and an independent CSV
// parser reading back every field, including the ones a spreadsheet would run as formulas.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PosEvents } from '../../electron/pos/events';
import { CSV_COLUMNS, neutralise } from '../../electron/pos/owner/csv-rows';
import { createDownloadRegistry, createOwnerHandlers } from '../../electron/pos/owner/handlers';
import type { DownloadRegistry, OwnerHost } from '../../electron/pos/owner/types';
import { Ledger } from '../../electron/pos/store/ledger';
import type { DayClose } from '../../shared/api';
import { seedSale } from '../bench/sales-seed';
import { noteArbitrary, STRICT_PARSE } from '../helpers/csv-notes';
import { buildExportWorker, EXPORT_WORKER_FILE } from '../helpers/export-worker';
import { manualClock, tempDir } from '../helpers/temp';

const WORKER_FILE = EXPORT_WORKER_FILE;
const DAY = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };

beforeAll(async () => {
  // Always the worker built from the current source, whether or not `npm run build` ran first.
  await buildExportWorker();
});

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let downloads: DownloadRegistry;
const clock = manualClock();

function owner(host: OwnerHost, databaseFile = join(dir.path, 'ledger.sqlite3')) {
  return createOwnerHandlers({
    ledger,
    events: new PosEvents(),
    databaseFile,
    now: clock.now,
    receiptSettings: () => ({ shopName: 'Shop', receiptFooter: '' }),
    host,
    downloads,
    exportWorkerFile: WORKER_FILE,
  });
}

beforeEach(() => {
  dir = tempDir();
  ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'));
  downloads = createDownloadRegistry({ now: clock.now });
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

/** Notes as typed, and how each must read back from the CSV. */
const NOTES: [string, string][] = [
  ['plain', 'plain'],
  ['say "hi", then leave', 'say "hi", then leave'],
  ['two\nlines', 'two\nlines'],
  ['windows\r\nline', 'windows\r\nline'],
  ['Кофе ☕ 東京', 'Кофе ☕ 東京'],
  ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
  ['+1 555 0100', "'+1 555 0100"],
  ['-cmd|calc', "'-cmd|calc"],
  ['@SUM(1)', "'@SUM(1)"],
  ['\tTAB', "'\tTAB"],
  ['\rCR', "'\rCR"],
  ['-12.50', '-12.50'],
  ['-7', '-7'],
  ['', ''],
];

function exportedRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, relax_quotes: false, skip_empty_lines: false }) as Record<string, string>[];
}

async function exportToFile(bom?: boolean): Promise<{ text: string; bytes: Buffer; rows: number | null }> {
  const path = join(dir.path, 'export.csv');
  const asked: string[] = [];
  const result = await owner({ chooseSavePath: async (name) => (asked.push(name), path) }).exportCsv({ ...DAY, ...(bom === undefined ? {} : { bom }) });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.path).toBe(path);
  expect(result.value.downloadUrl).toBeNull();
  expect(asked[0]).toMatch(/^mitilena-sales-2026-11-2[67]/);
  const bytes = readFileSync(path);
  return { bytes, text: bytes.toString('utf8'), rows: result.value.rows };
}

function seedNotes(): void {
  NOTES.forEach(([note], i) => {
    seedSale(ledger, {
      at: new Date(Date.parse('2026-11-26T09:00:00.000Z') + i * 1000).toISOString(),
      status: i % 3 === 0 ? 'paid' : i % 3 === 1 ? 'review' : 'cancelled',
      amountMinor: 1000 + i,
      note,
      sandbox: i % 2 === 1,
      patch: { invoiceId: i === 5 ? '=HYPERLINK("http://x")' : `inv-${i}`, paidCryptoAmount: i % 3 === 0 ? `1.0${i}` : null, reviewReason: i % 3 === 1 ? 'underpaid' : null },
    });
  });
}

describe('CSV export', () => {
  it('round-trips every field through an independent parser, neutralising formulas but not negative numbers', async () => {
    seedNotes();
    seedSale(ledger, { at: '2026-11-27T09:00:00.000Z', status: 'paid', note: 'tomorrow' });
    const { text, rows } = await exportToFile();
    expect(rows).toBe(NOTES.length);
    // The byte order mark is on by default (Excel reads "—" and "€" in notes only with it).
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const records = exportedRecords(text);
    expect(Object.keys(records[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(records.map((record) => record.note)).toEqual(NOTES.map(([, expected]) => expected));
    expect(records[5]?.invoice_id).toBe('\'=HYPERLINK("http://x")');

    const sales = ledger.listSales({ ...DAY, limit: 100 }).reverse();
    records.forEach((record, i) => {
      const sale = sales[i];
      if (!sale) throw new Error('missing sale');
      expect(record.sale_id).toBe(sale.id);
      expect(record.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(new Date(record.created_at as string).getTime()).toBe(Math.floor(Date.parse(sale.createdAt) / 1000) * 1000);
      const local = new Date(sale.createdAt);
      const localDay = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
      expect(record.local_date).toBe(localDay);
      const two = (value: number): string => String(value).padStart(2, '0');
      expect(record.local_time).toBe(`${localDay} ${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}`);
      expect(record).toMatchObject({
        status: sale.status,
        review_reason: sale.reviewReason ?? '',
        fiat_amount: `${Math.floor(sale.amountMinor / 100)}.${String(sale.amountMinor % 100).padStart(2, '0')}`,
        fiat_currency: 'EUR',
        crypto_asked: sale.cryptoAmount,
        // What arrived: the notice's amount (the paid and review sales here that have one), else nothing.
        crypto_received: sale.paidCryptoAmount ?? (sale.status === 'paid' ? sale.cryptoAmount : ''),
        fiat_recognised: sale.status === 'paid' ? `${Math.floor(sale.amountMinor / 100)}.${String(sale.amountMinor % 100).padStart(2, '0')}` : '',
        refunded: '0.00',
        cashier: '',
        crypto_token: 'USDT',
        network: 'tether-trc20',
        receiving_address: sale.address,
        tx_hash: '',
        paid_at: '',
        overpaid: 'no',
        mode: i % 2 === 1 ? 'sandbox' : 'live',
      });
    });
  });

  it('keeps 2,000 generated notes intact through the worker, read as spreadsheets read line breaks', async () => {
    const notes = fc.sample(noteArbitrary, { numRuns: 2_000, seed: 10 });
    const ids = new Map<string, string>();
    ledger.transaction(() => {
      notes.forEach((note, i) => {
        const sale = seedSale(ledger, { at: new Date(Date.parse('2026-11-26T01:00:00.000Z') + i * 1000).toISOString(), status: 'paid', note, sandbox: i % 2 === 0 });
        ids.set(sale.id, note);
      });
    });
    const { text, rows } = await exportToFile(true);
    expect(rows).toBe(notes.length);
    const records = parse(text, { ...STRICT_PARSE, columns: true, bom: true }) as Record<string, string>[];
    expect(records).toHaveLength(notes.length);
    for (const record of records) expect(record.note).toBe(neutralise(ids.get(record.sale_id as string) as string));
  });

  it('writes a UTF-8 byte order mark unless asked not to', async () => {
    seedNotes();
    const withBom = await exportToFile();
    expect([...withBom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exportedRecords(withBom.text)).toHaveLength(NOTES.length);
    const without = await exportToFile(false);
    expect(without.bytes[0]).toBe('s'.charCodeAt(0));
    expect(exportedRecords(without.text).map((record) => record.note)).toEqual(NOTES.map(([, expected]) => expected));
  });

  it('sums to exactly the day close of the same range', async () => {
    const amounts = ['0.000000000000000001', '1999.999999999999999999', '3', '12.5', '0.1', '0.2'];
    amounts.forEach((amount, i) => {
      seedSale(ledger, { at: `2026-11-26T1${i}:00:00.000Z`, status: 'paid', amountMinor: 1234 + i, currency: i % 2 ? 'EUR' : 'JPY', blockchain: i % 3 ? 'tether-erc20' : 'tether-trc20', patch: { paidCryptoAmount: amount, overpaid: i === 2 } });
    });
    seedSale(ledger, { at: '2026-11-26T08:00:00.000Z', status: 'review', patch: { paidCryptoAmount: '5' } });
    seedSale(ledger, { at: '2026-11-26T08:30:00.000Z', status: 'expired' });
    seedSale(ledger, { at: '2026-11-26T08:40:00.000Z', status: 'paid', amountMinor: 5000, sandbox: true, patch: { paidCryptoAmount: '54' } });
    seedSale(ledger, { at: '2026-11-26T08:50:00.000Z', status: 'paid', amountMinor: 99, currency: 'JPY', sandbox: true });
    const close = (await owner({}).dayClose(DAY)) as { ok: true; value: DayClose };
    const records = exportedRecords((await exportToFile()).text);

    // Sandbox rows are the day close's sandbox line, never its gross.
    const sandboxPaid = records.filter((record) => record.status === 'paid' && record.mode === 'sandbox');
    expect(sandboxPaid).toHaveLength(close.value.sandboxPaidCount);
    expect(sandboxPaid.map((record) => [record.fiat_currency, record.fiat_amount])).toEqual(
      close.value.sandboxPaidTotals.map((total) => [total.currency, total.currency === 'JPY' ? String(total.amountMinor) : (total.amountMinor / 100).toFixed(2)]),
    );
    const paid = records.filter((record) => record.status === 'paid' && record.mode === 'live');
    expect(paid).toHaveLength(close.value.paidCount);
    expect(records.filter((record) => record.status === 'paid' && record.overpaid === 'yes')).toHaveLength(close.value.overpaidCount);
    const gross = new Map<string, bigint>();
    const crypto = new Map<string, { digits: bigint; scale: number }>();
    for (const record of paid) {
      const [whole, fraction = ''] = (record.fiat_amount as string).split('.');
      gross.set(record.fiat_currency as string, (gross.get(record.fiat_currency as string) ?? 0n) + BigInt(`${whole}${fraction}`));
      const key = `${record.crypto_token}|${record.network}`;
      const [cw, cf = ''] = (record.crypto_received as string).split('.');
      const current = crypto.get(key) ?? { digits: 0n, scale: 0 };
      const scale = Math.max(current.scale, cf.length);
      crypto.set(key, { digits: current.digits * 10n ** BigInt(scale - current.scale) + BigInt(`${cw}${cf}`) * 10n ** BigInt(scale - cf.length), scale });
    }
    expect(close.value.gross.map((total) => [total.currency, BigInt(total.amountMinor)])).toEqual([...gross.entries()].sort());
    const asText = ({ digits, scale }: { digits: bigint; scale: number }): string => {
      const text = digits.toString().padStart(scale + 1, '0');
      return scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
    };
    expect(close.value.crypto.map((entry) => [`${entry.token}|${entry.blockchain}`, entry.amount])).toEqual(
      [...crypto.entries()].map(([key, value]) => [key, asText(value)]).sort(),
    );
    expect(close.value.crypto.find((entry) => entry.blockchain === 'tether-erc20')?.amount).toBe('2003.299999999999999999');
  });

  it('offers a one-time download in browser mode and streams it through the worker', async () => {
    seedNotes();
    const result = await owner({}).exportCsv({ ...DAY, bom: true });
    expect(result.ok && result.value).toMatchObject({ path: null, rows: null, downloadUrl: expect.stringMatching(/^\/download\/[0-9a-f]{64}$/) });
    const url = result.ok ? (result.value.downloadUrl as string) : '';
    const download = downloads.take(url);
    expect(download?.filename).toMatch(/\.csv$/);
    expect(downloads.take(url)).toBeNull();
    // A slow reader: a small buffer makes the worker wait for each chunk to be taken.
    const out = new PassThrough({ highWaterMark: 16 });
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const rows = await download?.write(out);
    expect(rows).toBe(NOTES.length);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(exportedRecords(text).map((record) => record.note)).toEqual(NOTES.map(([, expected]) => expected));
  });

  it('leaves a file the owner chose to replace untouched, and no partial file, when the export fails', async () => {
    const path = join(dir.path, 'export.csv');
    writeFileSync(path, 'last month\r\n');
    // A database without the ledger's tables: the worker fails after it started writing.
    const broken = join(dir.path, 'not-a-ledger.sqlite3');
    new Database(broken).exec('CREATE TABLE notes (id INTEGER)');
    const result = await owner({ chooseSavePath: async () => path }, broken).exportCsv(DAY);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('No file was changed') } });
    expect(readFileSync(path, 'utf8')).toBe('last month\r\n');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('writes nothing when the owner cancels the save dialog', async () => {
    seedNotes();
    const result = await owner({ chooseSavePath: async () => null }).exportCsv(DAY);
    expect(result).toEqual({ ok: true, value: { path: null, downloadUrl: null, rows: null } });
  });

  it('streams a large range in bounded chunks', async () => {
    const { seedManySales } = await import('../bench/sales-seed');
    seedManySales(join(dir.path, 'ledger.sqlite3'), 20_000, new Date(DAY.to), 1);
    const { rows, text } = await exportToFile();
    expect(rows).toBe(20_000);
    expect(exportedRecords(text)).toHaveLength(20_000);
  });
});
