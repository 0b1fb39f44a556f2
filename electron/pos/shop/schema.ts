// The shop ledger's schema: migrations applied one transaction each under a PostgreSQL advisory lock,
// so two counters (or a counter and `npm run shop-ledger:init`) starting together never race; a
// schema newer than this code is refused. A counter's role may not create tables: when the schema is
// missing or older, the counter says which command the owner runs.
import type pg from 'pg';
import { ShopLedgerRefusal } from './errors';
import { SHOP_MIGRATIONS, SHOP_SCHEMA_VERSION } from './migrations';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** One fixed key for every process that migrates a shop ledger (advisory locks are per database). */
const SCHEMA_LOCK_KEY = '7136512398041015';

const BOOTSTRAP = `
CREATE SCHEMA IF NOT EXISTS shop;
CREATE TABLE IF NOT EXISTS shop.schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

export const INIT_COMMAND = 'npm run shop-ledger:init -- <admin URL>';

function tooNew(found: number): ShopLedgerRefusal {
  return new ShopLedgerRefusal(
    `the shop ledger was set up by a newer version of Mitilena Counter (schema ${found}, this counter knows ${SHOP_SCHEMA_VERSION}); update this counter. Nothing was written.`,
  );
}

/** The applied schema version; null when the shop ledger was never set up in this database. */
export async function shopSchemaVersion(client: Queryable): Promise<number | null> {
  const present = await client.query<{ present: boolean }>("SELECT to_regclass('shop.schema_migrations') IS NOT NULL AS present");
  if (!present.rows[0]?.present) return null;
  const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0)::integer AS version FROM shop.schema_migrations');
  return rows[0]?.version ?? 0;
}

/** Brings the schema to this code's version under the advisory lock; returns the versions applied. */
export async function migrateShopLedger(client: Queryable): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
  try {
    // Read again under the lock: whoever held it before may have done the work.
    let current = await shopSchemaVersion(client);
    if (current !== null && current > SHOP_SCHEMA_VERSION) throw tooNew(current);
    if (current === null) {
      await client.query(BOOTSTRAP);
      current = 0;
    }
    const applied: number[] = [];
    for (const migration of SHOP_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO shop.schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
  }
}

/** What a counter checks on connecting: the schema is this code's; older or missing is brought up when this role may. */
export async function requireShopSchema(client: Queryable): Promise<void> {
  const version = await shopSchemaVersion(client);
  if (version === SHOP_SCHEMA_VERSION) return;
  if (version !== null && version > SHOP_SCHEMA_VERSION) throw tooNew(version);
  try {
    await migrateShopLedger(client);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '42501') throw error;
    const what = version === null ? 'is not set up in this database' : `is at schema ${version}, this counter needs ${SHOP_SCHEMA_VERSION}`;
    throw new ShopLedgerRefusal(`the shop ledger ${what}; its admin runs ${INIT_COMMAND} once.`);
  }
}
