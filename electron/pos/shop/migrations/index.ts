// The shop ledger's migrations (PostgreSQL), numbered with gaps like the counter's own; the applied
// ones are rows of shop.schema_migrations. A schema newer than this code is refused, never guessed at.
import { migration as m0010 } from './0010-counters-sales-events';
import { migration as m0020 } from './0020-books-refunds-day-closes';
import type { ShopMigration } from './migration';

export type { ShopMigration } from './migration';

export const SHOP_MIGRATIONS: readonly ShopMigration[] = [m0010, m0020];

export const SHOP_SCHEMA_VERSION = SHOP_MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);
