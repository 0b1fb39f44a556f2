// Fingerprints of the keys that made invoices (migration 0050): which key made each sale's invoice,
// and which live keys still have invoices open at the gateway. Fingerprints only, never keys.
import type { Connection } from './connection';

/** Reads only the sales still without a fingerprint (index sales_without_key_fingerprint): it runs at every start. */
export const STAMP_OLDER_SALES = 'UPDATE sales SET key_fingerprint = ? WHERE key_fingerprint IS NULL AND sandbox = ?';

export class InvoiceKeys {
  constructor(private readonly connection: Connection) {}

  /** The fingerprint of the key that made a sale's invoice; null for older sales and unknown ids. */
  ofSale(saleId: string): string | null {
    const row = this.connection.statement('SELECT key_fingerprint FROM sales WHERE id = ?').get(saleId) as { key_fingerprint: string | null } | undefined;
    return row?.key_fingerprint ?? null;
  }

  /** Keeps a key's fingerprint recognised while any invoice it made may still be paid. */
  remember(fingerprint: string, sandbox: boolean, at: string, openUntil: string): void {
    this.connection
      .statement(
        `INSERT INTO invoice_keys (fingerprint, sandbox, first_used_at, open_until) VALUES (@fingerprint, @sandbox, @at, @openUntil)
         ON CONFLICT (fingerprint) DO UPDATE SET open_until = max(open_until, excluded.open_until)`,
      )
      .run({ fingerprint, sandbox: sandbox ? 1 : 0, at, openUntil });
  }

  /** Whether a live key with this fingerprint made an invoice that may still be paid at `at`. */
  isOpenLive(fingerprint: string, at: string): boolean {
    return this.connection.statement('SELECT 1 FROM invoice_keys WHERE fingerprint = ? AND sandbox = 0 AND open_until > ?').get(fingerprint, at) !== undefined;
  }

  /** Stamps sales from before key fingerprints with the key of their mode (the one that verified them then). */
  backfill(sandbox: boolean, fingerprint: string): number {
    return this.connection.statement(STAMP_OLDER_SALES).run(fingerprint, sandbox ? 1 : 0).changes;
  }
}
