// Refunds recorded against paid sales (migration 0110): one append-only row each. The sale's own
// running sums (refunded_minor, refunded_crypto) move in the same transaction, through SalesTable.
import type { Actor } from '../../../shared/access';
import type { Refund } from '../../../shared/books';
import type { Connection } from './connection';

export type NewRefund = Omit<Refund, 'id'>;

interface RefundRow {
  id: number;
  sale_id: string;
  at: string;
  crypto_amount: string;
  token: string;
  fiat_minor: number;
  currency: string;
  tx_hash: string;
  reason: string;
  by_role: Actor['role'] | null;
  by_name: string | null;
}

function rowToRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    saleId: row.sale_id,
    at: row.at,
    cryptoAmount: row.crypto_amount,
    token: row.token,
    fiatMinor: row.fiat_minor,
    currency: row.currency,
    txHash: row.tx_hash,
    reason: row.reason,
    by: row.by_role ? { role: row.by_role, name: row.by_name } : null,
  };
}

export class RefundsTable {
  constructor(private readonly connection: Connection) {}

  insert(refund: NewRefund): number {
    const result = this.connection
      .statement(
        `INSERT INTO refunds (sale_id, at, crypto_amount, token, fiat_minor, currency, tx_hash, reason, by_role, by_name)
         VALUES (@saleId, @at, @cryptoAmount, @token, @fiatMinor, @currency, @txHash, @reason, @byRole, @byName)`,
      )
      .run({ ...refund, by: undefined, byRole: refund.by?.role ?? null, byName: refund.by?.name ?? null });
    return Number(result.lastInsertRowid);
  }

  ofSale(saleId: string): Refund[] {
    return (this.connection.statement('SELECT * FROM refunds WHERE sale_id = ? ORDER BY id').all(saleId) as RefundRow[]).map(rowToRefund);
  }

  /** Refunds recorded after the row `afterId`, oldest first. */
  after(afterId: number): Refund[] {
    return (this.connection.statement('SELECT * FROM refunds WHERE id > ? ORDER BY id').all(afterId) as RefundRow[]).map(rowToRefund);
  }

  lastId(): number {
    return (this.connection.statement('SELECT coalesce(max(id), 0) AS id FROM refunds').get() as { id: number }).id;
  }
}
