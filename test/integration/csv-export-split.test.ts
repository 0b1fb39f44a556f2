// The CSV export cut into parts, one worker each: the parts joined in order are the single export
// byte for byte (to a file and streamed to a download), whatever the notes hold and wherever the cut
// falls (sales sharing the cut's instant included); no part file is left behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCsvExport } from '../../electron/pos/owner/csv-export';
import { Ledger } from '../../electron/pos/store/ledger';
import { seedManySales, seedSale } from '../bench/sales-seed';
import { buildExportWorker, EXPORT_WORKER_FILE } from '../helpers/export-worker';
import { tempDir } from '../helpers/temp';

const WORKER_FILE = EXPORT_WORKER_FILE;
const RANGE = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };

beforeAll(async () => {
  // Always the worker built from the current source, whether or not `npm run build` ran first.
  await buildExportWorker();
});

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'ledger.sqlite3');
  Ledger.open(file).close();
});
afterEach(() => dir.remove());

async function toFile(parts: number, bom = true): Promise<{ rows: number; bytes: Buffer }> {
  const path = join(dir.path, `export-${parts}.csv`);
  const rows = await runCsvExport({ databaseFile: file, ...RANGE, bom }, { kind: 'file', path }, WORKER_FILE, parts);
  return { rows, bytes: readFileSync(path) };
}

async function toStream(parts: number): Promise<{ rows: number; bytes: Buffer }> {
  const out = new PassThrough({ highWaterMark: 16 * 1024 });
  const chunks: Buffer[] = [];
  // A slow reader: the export must wait for it rather than buffer.
  out.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    out.pause();
    setTimeout(() => out.resume(), 1);
  });
  const rows = await runCsvExport({ databaseFile: file, ...RANGE, bom: true }, { kind: 'stream', out }, WORKER_FILE, parts);
  return { rows, bytes: Buffer.concat(chunks) };
}

function seedTricky(): void {
  const ledger = Ledger.open(file);
  const notes = ['plain', 'say "hi", then leave', 'two\nlines', 'windows\r\nline', 'Кофе ☕ 東京', '=SUM(A1:A9)', '-12.50', ''];
  // Pairs of sales at the same instant, spread so the cut between two parts falls among them.
  for (let i = 0; i < 400; i++) {
    const at = new Date(Date.parse('2026-11-20T06:00:00.000Z') + Math.floor(i / 2) * 2_700_000).toISOString();
    seedSale(ledger, { at, status: i % 4 === 0 ? 'paid' : i % 4 === 1 ? 'review' : 'cancelled', amountMinor: 100 + i, note: notes[i % notes.length] as string, sandbox: i % 3 === 0 });
  }
  ledger.close();
}

describe('CSV export in parts', () => {
  it('joins two and three parts into the single export, byte for byte, to a file and to a download', async () => {
    seedTricky();
    seedManySales(file, 9_000, new Date(RANGE.to), 6);
    const single = await toFile(1);
    expect(single.rows).toBe(9_400);
    for (const parts of [2, 3]) {
      const split = await toFile(parts);
      expect(split.rows).toBe(single.rows);
      expect(split.bytes.equals(single.bytes)).toBe(true);
    }
    const withoutBom = await toFile(2, false);
    expect(withoutBom.bytes.equals(single.bytes.subarray(3))).toBe(true);
    const streamed = await toStream(2);
    expect(streamed.rows).toBe(single.rows);
    expect(streamed.bytes.equals(single.bytes)).toBe(true);
    expect(readdirSync(dir.path).filter((name) => name.includes('partial'))).toEqual([]);
  }, 180_000);

  it('writes the header alone for an empty range, however many parts', async () => {
    const single = await toFile(1);
    const split = await toFile(2);
    expect(single.rows).toBe(0);
    expect(split.bytes.equals(single.bytes)).toBe(true);
    expect(existsSync(join(dir.path, 'export-2.csv.partial-1'))).toBe(false);
  });
});
