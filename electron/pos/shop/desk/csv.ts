// The whole shop's CSV: the counter's columns, each cell made by the counter's own csvRecord (formula
// neutralising, the currency's exponent, local time), plus `counter`, the till's name. Read in keyset
// pages of PAGE_ROWS sales, oldest first, so memory stays bounded whatever the range; a download is
// written with backpressure, a file beside its name and renamed at the end (never left half-written).
// Why not COPY … TO STDOUT: every cell needs the formatting above, and one definition of each column
// for both scopes beats a second one in SQL that could drift (docs/shop-ledger.md).
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CSV_COLUMNS, csvRecord, neutralise, refreshLocalZone } from '../../owner/csv-rows';
import { csvText } from '../../owner/csv-text';
import type { ExportRow } from '../../store/export-rows';
import type { ShopLedgerClient } from '../shop-client';

const PAGE_ROWS = 2_000;
const UTF8_BOM = '\uFEFF';

export const SHOP_CSV_COLUMNS = [...CSV_COLUMNS, 'counter'] as const;

const PAGE = `SELECT s.source, c.name AS counter, s.created_at, s.sale_id, s.counter_id FROM shop.sales s JOIN shop.counters c ON c.counter_id = s.counter_id
  WHERE s.created_at >= $1 AND s.created_at < $2 AND (s.created_at, s.sale_id, s.counter_id) > ($3::timestamptz, $4::text, $5::uuid)
  ORDER BY s.created_at, s.sale_id, s.counter_id LIMIT $6`;

const SOURCE_ORDER = ['id', 'created_at', 'status', 'review_reason', 'amount_minor', 'currency', 'crypto_amount', 'paid_crypto_amount', 'crypto_symbol', 'blockchain', 'address', 'invoice_id', 'tx_hash', 'paid_at', 'confirmation', 'overpaid', 'sandbox', 'tip_minor', 'cashier', 'note', 'recognised_minor', 'refunded_minor', 'refunded_crypto'] as const;
const DEFAULTS: Partial<Record<(typeof SOURCE_ORDER)[number], unknown>> = { tip_minor: 0, refunded_minor: 0, note: '' };

/** The counter's own row, as it sent it, in the order of the counter's export. */
export function exportRowOf(source: Record<string, unknown>): ExportRow {
  return SOURCE_ORDER.map((column) => source[column] ?? DEFAULTS[column] ?? null) as ExportRow;
}

interface PageRow {
  source: Record<string, unknown>;
  counter: string;
  created_at: Date;
  sale_id: string;
  counter_id: string;
}

/** Writes the range's CSV through `emit`; resolves with the number of data rows. */
export async function writeShopCsv(client: ShopLedgerClient, range: { from: string; to: string; bom: boolean }, emit: (text: string) => Promise<void>): Promise<number> {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  await emit((range.bom ? UTF8_BOM : '') + csvText([[...SHOP_CSV_COLUMNS]]));
  refreshLocalZone();
  let after: [Date | string, string, string] = [from, '', '00000000-0000-0000-0000-000000000000'];
  let rows = 0;
  for (;;) {
    const page = await client.withConnection((db) => db.query<PageRow>(PAGE, [from, to, ...after, PAGE_ROWS]));
    if (page.rows.length === 0) return rows;
    await emit(csvText(page.rows.map((row) => [...csvRecord(exportRowOf(row.source)), neutralise(row.counter)])));
    rows += page.rows.length;
    const last = page.rows[page.rows.length - 1] as PageRow;
    after = [last.created_at, last.sale_id, last.counter_id];
    if (page.rows.length < PAGE_ROWS) return rows;
  }
}

/** Into a download: waits for the response to drain whenever its buffer is full. */
export function shopCsvToStream(client: ShopLedgerClient, range: { from: string; to: string; bom: boolean }, out: Writable): Promise<number> {
  return writeShopCsv(client, range, async (text) => {
    if (!out.write(text, 'utf8')) await once(out, 'drain');
  });
}

/** Into a file: written beside it, renamed once whole; a failure removes the partial file and leaves any old one. */
export async function shopCsvToFile(client: ShopLedgerClient, range: { from: string; to: string; bom: boolean }, path: string): Promise<number> {
  const partial = `${path}.partial`;
  const file = createWriteStream(partial, { mode: 0o600 });
  try {
    const rows = await shopCsvToStream(client, range, file);
    file.end();
    await once(file, 'finish');
    renameSync(partial, path);
    return rows;
  } catch (error) {
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
