// How the history follows sales that change while it is open (pure, so it can be tested in Node).
import type { PosArgs } from '../../shared/api';
import type { Sale } from '../../shared/sale';

/**
 * A sale made while the history is open goes on top when it surely matches: newest in the range,
 * and no search (matching a search is the core's business).
 */
export function belongsOnTop(sale: Sale, query: PosArgs<'historySummary'>, known: readonly Sale[]): boolean {
  if (query.search || (query.status && query.status !== sale.status)) return false;
  const created = Date.parse(sale.createdAt);
  if (!(created >= Date.parse(query.from) && created < Date.parse(query.to))) return false;
  const newest = known[0];
  return !newest || created >= Date.parse(newest.createdAt);
}
