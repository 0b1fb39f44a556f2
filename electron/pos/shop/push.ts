// One batch into the shop ledger, in one PostgreSQL transaction: the sale rows upserted (a newer state
// of a sale replaces an older one, never the reverse), the events inserted once (keyed by counter id
// + event id), and the counter's high-water mark moved. A batch sent again (the counter was stopped
// after the server committed but before it moved its own cursor) changes nothing; an event id the
// server holds with other content stops replication rather than hide either version. The refunds of
// the batch's sales go with it (shop migration 0020), each inserted once.
import type { Refund } from '../../../shared/books';
import type { ReplicationBatch } from '../store/ledger';
import { ShopLedgerRefusal } from './errors';
import type { ShopLedgerClient, ShopQueryable } from './shop-client';
import { EVENT_COLUMNS, recordsetOf, REFUND_COLUMNS, SALE_COLUMNS, wireBatch, wireRefunds } from './wire';

const sales = recordsetOf(SALE_COLUMNS);
const events = recordsetOf(EVENT_COLUMNS);
const refunds = recordsetOf(REFUND_COLUMNS);

const UPSERT_SALES = `INSERT INTO shop.sales (counter_id, ${sales.names.join(', ')})
  SELECT $1::uuid, ${sales.names.map((name) => `r.${name}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${sales.definition})
  ON CONFLICT (counter_id, sale_id) DO UPDATE SET ${sales.names
    .filter((name) => name !== 'sale_id')
    .map((name) => `${name} = EXCLUDED.${name}`)
    .join(', ')}, replicated_at = now()
  WHERE shop.sales.last_event_id <= EXCLUDED.last_event_id`;

const INSERT_EVENTS = `INSERT INTO shop.sale_events (counter_id, ${events.names.join(', ')})
  SELECT $1::uuid, ${events.names.map((name) => `r.${name}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${events.definition})
  ON CONFLICT (counter_id, event_id) DO NOTHING
  RETURNING event_id`;

// A refund row never changes on the counter (append-only there too): a resent one is simply already held.
const INSERT_REFUNDS = `INSERT INTO shop.refunds (counter_id, ${refunds.names.join(', ')})
  SELECT $1::uuid, ${refunds.names.map((name) => `r.${name}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${refunds.definition})
  ON CONFLICT (counter_id, refund_id) DO NOTHING`;

const EVENTS_HELD = `SELECT event_id, sale_id, at, to_status, cause FROM shop.sale_events WHERE counter_id = $1 AND event_id = ANY($2::bigint[])`;

const MOVE_MARK = 'UPDATE shop.counters SET last_event_id = GREATEST(last_event_id, $2), last_push_at = now() WHERE counter_id = $1';

/** The events the server already held must be these very events (a resent batch), not others under the same ids. */
async function checkResent(client: ShopQueryable, counterId: string, batch: ReplicationBatch, inserted: Set<number>): Promise<number> {
  const resent = batch.events.filter((event) => !inserted.has(event.id));
  if (resent.length === 0) return 0;
  const { rows } = await client.query<{ event_id: string; sale_id: string; at: Date; to_status: string; cause: string }>(EVENTS_HELD, [
    counterId,
    resent.map((event) => event.id),
  ]);
  const held = new Map(rows.map((row) => [Number(row.event_id), row]));
  for (const event of resent) {
    const row = held.get(event.id);
    const same = row && row.sale_id === event.sale_id && row.to_status === event.to_status && row.cause === event.cause && row.at.getTime() === Date.parse(event.at);
    if (!same) {
      throw new ShopLedgerRefusal(
        `the shop ledger holds a different event #${event.id} from this counter than its own ledger does (restored from an older backup?). ` +
          'Replication stopped so that neither copy is lost; see docs/shop-ledger.md.',
      );
    }
  }
  return resent.length;
}

/** Sends one batch; resolves once the server committed it. Returns how many events were new there. */
export async function pushBatch(client: ShopLedgerClient, counterId: string, batch: ReplicationBatch, saleRefunds: readonly Refund[] = []): Promise<{ inserted: number; resent: number }> {
  const wire = wireBatch(batch);
  const refundsWire = saleRefunds.length > 0 ? wireRefunds(saleRefunds) : null;
  return client.transaction(async (connection) => {
    await connection.query(UPSERT_SALES, [counterId, wire.sales]);
    if (refundsWire !== null) await connection.query(INSERT_REFUNDS, [counterId, refundsWire]);
    const { rows } = await connection.query<{ event_id: string }>(INSERT_EVENTS, [counterId, wire.events]);
    const inserted = new Set(rows.map((row) => Number(row.event_id)));
    const resent = await checkResent(connection, counterId, batch, inserted);
    await connection.query(MOVE_MARK, [counterId, batch.lastEventId]);
    return { inserted: inserted.size, resent };
  });
}
