// A counter makes itself known to the shop ledger under its own role: the first connection claims a
// row (its id, its name) for the role it logs in as (session_user); from then on that role is that
// counter and no other. A role that already belongs to another counter, or an id another role holds,
// is refused in words the owner can act on. It also catches a counter's ledger that went back in
// time (restored from an older backup) before its event ids, reused, could mean other events.
import { ShopLedgerRefusal } from './errors';
import type { ShopQueryable } from './shop-client';

export interface CounterIdentity {
  counterId: string;
  name: string;
  appVersion: string;
  /** The newest event id in the counter's own ledger. */
  localLastEventId: number;
}

/** Claims or refreshes the counter's row; returns the newest event id the shop ledger holds for it. */
export async function claimCounter(client: ShopQueryable, identity: CounterIdentity): Promise<number> {
  const { counterId, name, appVersion } = identity;
  const mine = await client.query<{ counter_id: string; name: string; app_version: string | null; last_event_id: string }>(
    'SELECT counter_id, name, app_version, last_event_id FROM shop.counters WHERE role_name = session_user',
  );
  const row = mine.rows[0];
  if (!row) {
    try {
      await client.query('INSERT INTO shop.counters (counter_id, name, app_version) VALUES ($1, $2, $3)', [counterId, name, appVersion]);
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505' || (error as { code?: unknown }).code === '42501') {
        throw new ShopLedgerRefusal("this counter's id is already held by another database role in the shop ledger; connect with the role made for this counter.");
      }
      throw error;
    }
    return 0;
  }
  if (row.counter_id !== counterId) {
    throw new ShopLedgerRefusal(
      `this database role already belongs to another counter ("${row.name}") in the shop ledger; give each counter its own role (npm run shop-ledger:init -- <admin URL> --counter NAME).`,
    );
  }
  if (row.name !== name || row.app_version !== appVersion) {
    await client.query('UPDATE shop.counters SET name = $2, app_version = $3 WHERE counter_id = $1', [counterId, name, appVersion]);
  }
  const serverLast = Number(row.last_event_id);
  if (serverLast > identity.localLastEventId) {
    throw new ShopLedgerRefusal(
      `the shop ledger holds events up to #${serverLast} from this counter, but its own ledger ends at #${identity.localLastEventId} (restored from an older backup?). ` +
        'Replication stopped so that neither copy is lost; see docs/shop-ledger.md.',
    );
  }
  return serverLast;
}
