// Notices that carried a valid key but could not be read (migration 0050): kept once each, redacted,
// append-only, so a real payment in a shape nobody expected is in the ledger, not only in a log.
import type { Connection } from './connection';

/** A notice that carried a valid key but could not be read, as kept for the owner. */
export interface UnreadNotice {
  at: string;
  saleId: string | null;
  reason: string;
  /** The notice as received, with every copy of the key redacted. */
  body: string;
  bodySha256: string;
}

export class UnreadNotices {
  constructor(private readonly connection: Connection) {}

  /** Keeps an unreadable keyed notice; false when the very same body was kept before. */
  record(notice: UnreadNotice): boolean {
    const insert = this.connection.statement(
      `INSERT INTO unread_notices (at, sale_id, reason, body, body_sha256) VALUES (@at, @saleId, @reason, @body, @bodySha256)
       ON CONFLICT (body_sha256) DO NOTHING`,
    );
    return insert.run(notice).changes === 1;
  }

  /** How many arrived since `at`, and the latest of them. */
  since(at: string): { count: number; latest: { at: string; reason: string; saleId: string | null } | null } {
    const latest = this.connection.statement('SELECT at, reason, sale_id FROM unread_notices WHERE at >= ? ORDER BY at DESC, id DESC LIMIT 1').get(at) as
      | { at: string; reason: string; sale_id: string | null }
      | undefined;
    if (!latest) return { count: 0, latest: null };
    const { count } = this.connection.statement('SELECT count(*) AS count FROM unread_notices WHERE at >= ?').get(at) as { count: number };
    return { count, latest: { at: latest.at, reason: latest.reason, saleId: latest.sale_id } };
  }
}
