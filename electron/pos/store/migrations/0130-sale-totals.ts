// Migration 0130: the sales' totals per UTC hour, day and month (status, mode, currency, network,
// token: counts, asked, recognised, tips, refunds, crypto), kept by triggers in the same transaction
// as every write to `sales`, and backfilled here from the rows already there. History totals and the
// day close over any range then read a few hundred rows instead of every sale (store/sale-totals.ts).
import { registerSaleTotalFunctions, saleTotalsFromSales, saleTotalsSchema } from '../sale-totals-sql';
import type { Migration } from './migration';

export const migration: Migration = {
  version: 130,
  name: 'Sale totals per hour, day and month, kept by triggers',
  up(db) {
    registerSaleTotalFunctions(db);
    db.exec(saleTotalsSchema());
    db.exec(saleTotalsFromSales());
  },
};
