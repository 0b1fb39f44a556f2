// The shape of one shop-ledger migration (PostgreSQL): one file per migration in this folder, numbered
// with gaps like the counter's own ledger; each runs in its own transaction, recorded in
// shop.schema_migrations. The SQL is fixed text: no value from outside ever reaches it.

export interface ShopMigration {
  version: number;
  name: string;
  sql: string;
}
