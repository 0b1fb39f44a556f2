// Shop-ledger migration 0020: what the shop's books need beyond 0010. The sale columns the books and
// the history totals read (recognised fiat, refunded fiat and crypto), typed and filled from each
// row's `source`; the refunds themselves; the shop's own Z-reports (numbered, append-only, with the
// per-sale lines they counted); and the indexes the owner's desk walks.
import type { ShopMigration } from './migration';

const SALE_BOOKS = `
ALTER TABLE shop.sales ADD COLUMN recognised_minor bigint;
ALTER TABLE shop.sales ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE shop.sales ADD COLUMN refunded_crypto text;
UPDATE shop.sales SET
  recognised_minor = (source->>'recognised_minor')::bigint,
  refunded_minor = coalesce((source->>'refunded_minor')::bigint, 0),
  refunded_crypto = source->>'refunded_crypto';
-- The owner's desk: a day or a range of the whole shop, or of one counter; the status filter; adjustments.
CREATE INDEX sales_by_created_id ON shop.sales (created_at, sale_id);
CREATE INDEX sales_by_status_created ON shop.sales (status, created_at);
CREATE INDEX sales_by_counter_event ON shop.sales (counter_id, last_event_id);
`;

const REFUNDS = `
CREATE FUNCTION shop.refuse_row_change() RETURNS trigger LANGUAGE plpgsql
  AS $fn$ BEGIN RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME; END $fn$;
CREATE TABLE shop.refunds (
  counter_id uuid NOT NULL REFERENCES shop.counters (counter_id),
  refund_id bigint NOT NULL,
  sale_id text NOT NULL,
  at timestamptz NOT NULL,
  crypto_amount text NOT NULL,
  token text NOT NULL,
  fiat_minor bigint NOT NULL,
  currency text NOT NULL,
  tx_hash text NOT NULL,
  reason text NOT NULL,
  by_role text,
  by_name text,
  replicated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (counter_id, refund_id)
);
CREATE INDEX refunds_by_sale ON shop.refunds (counter_id, sale_id);
CREATE TRIGGER refunds_append_only BEFORE UPDATE OR DELETE ON shop.refunds
  FOR EACH ROW EXECUTE FUNCTION shop.refuse_row_change();
`;

// The shop's Z-reports: the owner's desk writes them (the owner's role may insert, never change);
// event_cutoffs holds, per counter, the highest event id the report saw, so the next report finds
// what changed after it.
const DAY_CLOSES = `
CREATE TABLE shop.day_closes (
  number integer PRIMARY KEY,
  day date NOT NULL UNIQUE,
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  generated_at timestamptz NOT NULL,
  closed_by text NOT NULL DEFAULT session_user,
  event_cutoffs jsonb NOT NULL,
  report jsonb NOT NULL
);
CREATE TABLE shop.day_close_lines (
  number integer NOT NULL REFERENCES shop.day_closes (number),
  counter_id uuid NOT NULL,
  sale_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('day', 'reversal', 'rebook')),
  books jsonb NOT NULL,
  PRIMARY KEY (number, counter_id, sale_id, kind)
);
CREATE INDEX day_close_lines_by_sale ON shop.day_close_lines (counter_id, sale_id, number);
CREATE TRIGGER day_closes_append_only BEFORE UPDATE OR DELETE ON shop.day_closes
  FOR EACH ROW EXECUTE FUNCTION shop.refuse_row_change();
CREATE TRIGGER day_close_lines_append_only BEFORE UPDATE OR DELETE ON shop.day_close_lines
  FOR EACH ROW EXECUTE FUNCTION shop.refuse_row_change();
`;

const SECURITY = `
ALTER TABLE shop.refunds ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.refunds FORCE ROW LEVEL SECURITY;
CREATE POLICY counter_own_refunds ON shop.refunds FOR ALL TO shop_counter
  USING (counter_id = (SELECT shop.current_counter_id())) WITH CHECK (counter_id = (SELECT shop.current_counter_id()));
CREATE POLICY owner_reads_refunds ON shop.refunds FOR SELECT TO shop_owner USING (true);
GRANT SELECT, INSERT ON shop.refunds TO shop_counter;
GRANT SELECT ON shop.refunds TO shop_owner;
-- Counters never see the shop's reports; the owner's role reads and adds them, and changes none.
ALTER TABLE shop.day_closes ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.day_closes FORCE ROW LEVEL SECURITY;
ALTER TABLE shop.day_close_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.day_close_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_day_closes ON shop.day_closes FOR ALL TO shop_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_day_close_lines ON shop.day_close_lines FOR ALL TO shop_owner USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON shop.day_closes, shop.day_close_lines TO shop_owner;
`;

export const migration: ShopMigration = {
  version: 20,
  name: 'the books: recognised and refunded amounts, refunds, the shop Z-reports, indexes for the owner desk',
  sql: SALE_BOOKS + REFUNDS + DAY_CLOSES + SECURITY,
};
