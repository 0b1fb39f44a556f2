// History's data: pages of sales read with the core's cursor (only what was loaded is held), the
// summary of the whole range, and live updates of rows already on screen.
import { create } from 'zustand';
import type { DeskScope, PosArgs, PosValue } from '../../shared/api';
import type { PosError } from '../../shared/result';
import type { Sale, SaleStatus } from '../../shared/sale';
import { pos } from '../bridge/installed';
import { isAtLeastAsRecent } from '../today';
import { belongsOnTop } from './history-live';
import { createReader } from './reader';
import { inScope, scopeArg } from './scope';

export const HISTORY_PAGE_SIZE = 100;
const SUMMARY_REFRESH_DELAY_MS = 400;

export interface HistoryQuery {
  from: string;
  to: string;
  status?: SaleStatus;
  search?: string;
  /** The whole shop's sales (owner-only) instead of this counter's. */
  scope?: DeskScope;
}

type QueryArgs = PosArgs<'historySummary'>;
type Cursor = PosValue<'historyPage'>['next'];
export type HistorySummary = PosValue<'historySummary'>;

/** A row of the list: in the whole shop's, each sale names its counter. */
export type HistorySale = PosValue<'historyPage'>['sales'][number];

export interface HistoryPages {
  /** The query on screen; null while the history is closed. */
  query: QueryArgs | null;
  sales: HistorySale[];
  /** Where the next page starts; only ever for `query` (a new query starts from the top). */
  next: Cursor;
  loading: boolean;
  error: PosError | null;
}

export const useHistoryPages = create<HistoryPages>()(() => ({ query: null, sales: [], next: null, loading: false, error: null }));

/** The totals of the whole selection, read apart from the pages. */
export const summaryReader = createReader((args: QueryArgs) => inScope(args.scope, () => pos().historySummary(args)));

const { getState, setState } = useHistoryPages;
// Each query shown gets a generation; answers for an older one are dropped.
let generation = 0;
// One page read at a time: scroll events can ask for the next page twice before a render.
let pageInFlight = false;

function queryArgs(query: HistoryQuery): QueryArgs {
  const search = query.search?.trim();
  return { from: query.from, to: query.to, ...(query.status ? { status: query.status } : {}), ...(search ? { search } : {}), ...scopeArg(query.scope) };
}

/** Shows `query` from its first page (also when it is on screen already: a revision); null closes it. */
export function showHistory(query: HistoryQuery | null): void {
  const args = query ? queryArgs(query) : null;
  const shown = ++generation;
  pageInFlight = false;
  setState({ query: args, sales: [], next: null, loading: false });
  summaryReader.show(args);
  if (args) void loadPage(args, null, shown);
}

async function loadPage(args: QueryArgs, before: Cursor, shown: number): Promise<void> {
  pageInFlight = true;
  setState({ loading: true });
  const result = await inScope(args.scope, () => pos().historyPage({ ...args, limit: HISTORY_PAGE_SIZE, ...(before ? { before } : {}) }));
  if (shown !== generation) return;
  pageInFlight = false;
  if (!result.ok) {
    setState({ loading: false, error: result.error });
    return;
  }
  setState((state) => ({
    loading: false,
    error: null,
    sales: before ? [...state.sales, ...result.value.sales] : result.value.sales,
    next: result.value.next,
  }));
}

export function loadMoreHistory(): void {
  const { query, next } = getState();
  if (!query || !next || pageInFlight) return;
  void loadPage(query, next, generation);
}

/**
 * Rows on screen follow their sale, a new sale that surely matches goes on top, and the totals are
 * read again shortly after (several notices in a burst cost one summary read).
 */
export function historySaleUpdated(sale: Sale): void {
  const { query, sales } = getState();
  if (!query) return;
  // The whole shop's rows come from the shop ledger, as current as each counter's last push: only the totals are read again.
  if (query.scope === 'shop') {
    summaryReader.refreshSoon(SUMMARY_REFRESH_DELAY_MS);
    return;
  }
  if (sales.some((row) => row.id === sale.id)) {
    setState({ sales: sales.map((row) => (row.id === sale.id && isAtLeastAsRecent(sale, row) ? sale : row)) });
  } else if (belongsOnTop(sale, query, sales)) {
    setState({ sales: [sale, ...sales] });
  }
  summaryReader.refreshSoon(SUMMARY_REFRESH_DELAY_MS);
}
