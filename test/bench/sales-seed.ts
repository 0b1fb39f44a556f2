// Sales for the owner's desk tests and the bench: a few hand-made ones through the store (with
// their events), or a million written straight into the table in one transaction.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { newSaleId } from '../../electron/pos/ids';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger, type SalePatch } from '../../electron/pos/store/ledger';
import { registerSaleTotalFunctions } from '../../electron/pos/store/sale-totals-sql';
import type { Blockchain } from '../../shared/mitilena';
import type { Sale, SaleStatus } from '../../shared/sale';

export interface SeedSale {
  at: string;
  status: SaleStatus;
  amountMinor?: number;
  currency?: string;
  note?: string;
  blockchain?: Blockchain;
  sandbox?: boolean;
  patch?: SalePatch;
}

let counter = 0;

/** One sale inserted through the store, so it carries a real sale_events row. */
export function seedSale(ledger: Ledger, sale: SeedSale): Sale {
  counter += 1;
  const id = newSaleId(new Date(sale.at));
  const invoiceId = `inv-${counter}-${id.slice(-6)}`;
  return ledger.insertSale(
    {
      id,
      status: sale.status,
      amountMinor: sale.amountMinor ?? 1250,
      currency: sale.currency ?? 'EUR',
      note: sale.note ?? '',
      // Live by default: the owner's figures count live money only.
      sandbox: sale.sandbox ?? false,
      blockchain: sale.blockchain ?? 'tether-trc20',
      requestId: null,
      webhookUrl: 'http://127.0.0.1:1/mitilena/webhook/x',
      patch: { invoiceId, cryptoAmount: '13.240000', cryptoSymbol: 'USDT', address: 'TXYZ1234567890abcdefTRONaddress', expiresAt: sale.at, ...sale.patch },
    },
    sale.at,
    { cause: 'seeded by a test' },
  );
}

const STATUS_MIX: readonly SaleStatus[] = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'expired', 'cancelled', 'failed', 'review', 'voided', 'paid', 'paid', 'paid'];
const CHAINS: readonly Blockchain[] = ['tether-trc20', 'tether-erc20', 'tether-bep20', 'mitilena-own', 'apfcoin'];
const CURRENCIES: readonly string[] = ['EUR', 'EUR', 'EUR', 'USD', 'JPY'];

/**
 * `count` sales spread evenly over the `days` days before `end`, written into the ledger file (opened
 * and migrated by the app before) on a connection of their own, with one prepared statement in one
 * transaction and no fsync (no events: the bench reads sales only).
 */
export function seedManySales(file: string, count: number, end: Date, days: number): void {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = OFF');
  // The totals' triggers (migration 0130) run in the same transaction as every insert.
  registerSaleTotalFunctions(db);
  const insert = db.prepare(`INSERT INTO sales (id, status, amount_minor, currency, note, created_at, updated_at, sandbox, blockchain,
    invoice_id, crypto_amount, crypto_symbol, address, review_reason, overpaid, paid_at, paid_crypto_amount, tx_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'USDT', ?, ?, ?, ?, ?, ?)`);
  const spanMs = days * 86_400_000;
  const startMs = end.getTime() - spanMs;
  const stepMs = spanMs / count;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const atMs = Math.floor(startMs + i * stepMs);
      const at = new Date(atMs).toISOString();
      const status = STATUS_MIX[i % STATUS_MIX.length] as SaleStatus;
      const paid = status === 'paid' || status === 'review';
      const amountMinor = 100 + ((i * 7919) % 50_000);
      const crypto = `${Math.floor(amountMinor / 90)}.${String(amountMinor % 1_000_000).padStart(6, '0')}`;
      const hash = paid ? (i.toString(16).padStart(8, '0') + 'ab'.repeat(28)) : null;
      insert.run(
        newSaleId(new Date(atMs)),
        status,
        amountMinor,
        CURRENCIES[i % CURRENCIES.length] as string,
        i % 10 === 0 ? `table ${i % 40}, "espresso" ×2` : '',
        at,
        at,
        CHAINS[i % CHAINS.length] as string,
        `inv-${i}`,
        crypto,
        'TXYZ1234567890abcdefTRONaddress',
        status === 'review' ? 'underpaid' : null,
        paid && i % 50 === 0 ? 1 : 0,
        paid ? at : null,
        paid ? crypto : null,
        hash,
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The bench's big ledger: the year before this day, 365 days. */
export const BIG_LEDGER_END = new Date('2026-11-27T00:00:00.000Z');
export const BIG_LEDGER_DAYS = 365;

/**
 * The bench's big ledger in a data folder: created at schema 0120, `sales` seeded, then opened by the
 * app, which migrates it (0130 backfills the kept totals; 0140 builds the start's indexes). Seconds each.
 */
export function seedBigLedger(dataDir: string, sales: number): { file: string; seedSeconds: number; migrationSeconds: number } {
  const file = join(dataDir, DATABASE_FILE);
  Ledger.open(file, { targetVersion: 120 }).close();
  let started = performance.now();
  seedManySales(file, sales, BIG_LEDGER_END, BIG_LEDGER_DAYS);
  const seedSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  Ledger.open(file).close();
  return { file, seedSeconds, migrationSeconds: (performance.now() - started) / 1000 };
}
