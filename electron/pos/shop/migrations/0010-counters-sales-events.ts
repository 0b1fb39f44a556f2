// Shop-ledger migration 0010: the counters, their sales and their append-only event logs, with
// row-level security: a counter's role writes only its own rows; the owner's role reads them all.
import type { ShopMigration } from './migration';

// Group roles (NOLOGIN): the owner creates one login role per counter IN ROLE shop_counter, and
// login roles for the owner's desk IN ROLE shop_owner (see docs/shop-ledger.md). Roles belong to
// the whole cluster, so they are made only when missing.
const ROLES = `
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_counter') THEN CREATE ROLE shop_counter NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_owner') THEN CREATE ROLE shop_owner NOLOGIN; END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO shop_counter, shop_owner', current_database());
END
$roles$;
GRANT USAGE ON SCHEMA shop TO shop_counter, shop_owner;
GRANT SELECT ON shop.schema_migrations TO shop_counter, shop_owner;
`;

// A counter claims its row once, under its own login role (session_user, which SET ROLE cannot
// change); its id then belongs to that role for good: role_name and counter_id are not updatable.
const COUNTERS = `
CREATE TABLE shop.counters (
  counter_id uuid PRIMARY KEY,
  role_name text NOT NULL UNIQUE DEFAULT session_user,
  name text NOT NULL,
  app_version text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_push_at timestamptz,
  -- The highest event id of this counter the shop ledger holds: how current its data is.
  last_event_id bigint NOT NULL DEFAULT 0
);
CREATE FUNCTION shop.current_counter_id() RETURNS uuid LANGUAGE sql STABLE
  AS $fn$ SELECT counter_id FROM shop.counters WHERE role_name = session_user $fn$;
`;

// Every column the owner's books need, typed; later columns come with later migrations. source keeps
// the counter's whole row as it was sent, so a column added on the counter before this schema knows
// it still arrives. Amounts in minor units; crypto amounts as written (decimal strings).
const SALES = `
CREATE TABLE shop.sales (
  counter_id uuid NOT NULL REFERENCES shop.counters (counter_id),
  sale_id text NOT NULL,
  status text NOT NULL,
  amount_minor bigint NOT NULL,
  tip_minor bigint NOT NULL DEFAULT 0,
  currency text NOT NULL,
  note text NOT NULL DEFAULT '',
  cashier text,
  sandbox boolean NOT NULL,
  blockchain text NOT NULL,
  request_id text,
  invoice_id text,
  payment_page text,
  crypto_amount text,
  crypto_symbol text,
  address text,
  expires_at timestamptz,
  failure text,
  review_reason text,
  review_detail text,
  overpaid boolean NOT NULL DEFAULT false,
  paid_at timestamptz,
  paid_crypto_amount text,
  tx_hash text,
  confirmation text,
  linked_sale_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The counter's newest event of this sale when the row was read: an older state never overwrites a newer one.
  last_event_id bigint NOT NULL,
  source jsonb NOT NULL,
  replicated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (counter_id, sale_id)
);
CREATE INDEX sales_by_created ON shop.sales (created_at);
CREATE INDEX sales_by_counter_created ON shop.sales (counter_id, created_at);

CREATE TABLE shop.sale_events (
  counter_id uuid NOT NULL,
  event_id bigint NOT NULL,
  sale_id text NOT NULL,
  at timestamptz NOT NULL,
  from_status text,
  to_status text NOT NULL,
  cause text NOT NULL,
  detail jsonb,
  notice_key text,
  replicated_at timestamptz NOT NULL DEFAULT now(),
  -- No foreign key to shop.sales: every batch carries the rows of the sales its events touch, in the
  -- same transaction, and a per-row check cost as much as the inserts themselves.
  PRIMARY KEY (counter_id, event_id)
);
CREATE INDEX sale_events_by_sale ON shop.sale_events (counter_id, sale_id, event_id);
CREATE FUNCTION shop.refuse_change() RETURNS trigger LANGUAGE plpgsql
  AS $fn$ BEGIN RAISE EXCEPTION 'shop.sale_events is append-only'; END $fn$;
CREATE TRIGGER sale_events_append_only BEFORE UPDATE OR DELETE ON shop.sale_events
  FOR EACH ROW EXECUTE FUNCTION shop.refuse_change();
`;

// Row-level security. FORCE makes it hold for the tables' owner too, except superusers and
// BYPASSRLS roles (the admin who runs the migrations).
const SECURITY = `
ALTER TABLE shop.counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.counters FORCE ROW LEVEL SECURITY;
ALTER TABLE shop.sales ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.sales FORCE ROW LEVEL SECURITY;
ALTER TABLE shop.sale_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.sale_events FORCE ROW LEVEL SECURITY;

CREATE POLICY counter_own_row ON shop.counters FOR ALL TO shop_counter
  USING (role_name = session_user) WITH CHECK (role_name = session_user);
CREATE POLICY counter_own_sales ON shop.sales FOR ALL TO shop_counter
  USING (counter_id = (SELECT shop.current_counter_id())) WITH CHECK (counter_id = (SELECT shop.current_counter_id()));
CREATE POLICY counter_own_events ON shop.sale_events FOR ALL TO shop_counter
  USING (counter_id = (SELECT shop.current_counter_id())) WITH CHECK (counter_id = (SELECT shop.current_counter_id()));
CREATE POLICY owner_reads_counters ON shop.counters FOR SELECT TO shop_owner USING (true);
CREATE POLICY owner_reads_sales ON shop.sales FOR SELECT TO shop_owner USING (true);
CREATE POLICY owner_reads_events ON shop.sale_events FOR SELECT TO shop_owner USING (true);

GRANT SELECT, INSERT ON shop.counters TO shop_counter;
GRANT UPDATE (name, app_version, last_push_at, last_event_id) ON shop.counters TO shop_counter;
GRANT SELECT, INSERT, UPDATE ON shop.sales TO shop_counter;
GRANT SELECT, INSERT ON shop.sale_events TO shop_counter;
GRANT EXECUTE ON FUNCTION shop.current_counter_id() TO shop_counter;
GRANT SELECT ON shop.counters, shop.sales, shop.sale_events TO shop_owner;
`;

export const migration: ShopMigration = {
  version: 10,
  name: 'counters, sales and their append-only events, with row-level security',
  // The roles first: the policies name them.
  sql: ROLES + COUNTERS + SALES + SECURITY,
};
