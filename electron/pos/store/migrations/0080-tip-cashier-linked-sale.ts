// Migration 0080: what a counter sale carries besides its price: the tip inside the amount, the
// cashier who took it, and the sale it completes ("charge the difference" after an underpayment).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 80,
  name: "a sale's tip, its cashier, and the sale it completes",
  up(db) {
    // ADD COLUMN keeps every row: no tip (0), no cashier (a counter without cashiers), no linked sale.
    // amount_minor stays what the invoice asked (the tip included); tip_minor is the part of it that
    // is a tip, so the books can show it apart.
    db.exec(`
      ALTER TABLE sales ADD COLUMN tip_minor INTEGER NOT NULL DEFAULT 0 CHECK (tip_minor >= 0);
      ALTER TABLE sales ADD COLUMN cashier TEXT;
      ALTER TABLE sales ADD COLUMN linked_sale_id TEXT REFERENCES sales (id);
      CREATE INDEX sales_by_linked_sale ON sales (linked_sale_id) WHERE linked_sale_id IS NOT NULL;
    `);
  },
};
