// History's data: pages of sales read with the core's cursor (only what was loaded is held), the
// summary of the whole range, and live updates of rows already on screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PosArgs, PosValue } from '../../shared/api';
import type { PosError } from '../../shared/result';
import type { Sale, SaleStatus } from '../../shared/sale';
import { pos } from '../api';
import { isAtLeastAsRecent } from '../today';
import { belongsOnTop } from './history-live';

export const HISTORY_PAGE_SIZE = 100;
const SUMMARY_REFRESH_DELAY_MS = 400;

export interface HistoryQuery {
  from: string;
  to: string;
  status?: SaleStatus;
  search?: string;
}

type Cursor = PosValue<'historyPage'>['next'];
export type HistorySummary = PosValue<'historySummary'>;

export interface HistoryData {
  sales: Sale[];
  next: Cursor;
  loading: boolean;
  error: PosError | null;
  summary: HistorySummary | null;
  summaryError: PosError | null;
  loadMore: () => void;
}

function queryArgs(query: HistoryQuery): PosArgs<'historySummary'> {
  const search = query.search?.trim();
  return { from: query.from, to: query.to, ...(query.status ? { status: query.status } : {}), ...(search ? { search } : {}) };
}

/** `revision` changes after owner actions: the first page and the summary are read again. */
export function useHistory(query: HistoryQuery | null, revision: number): HistoryData {
  const [sales, setSales] = useState<Sale[]>([]);
  // The cursor is kept with the query it belongs to: a stale one must never page a new query.
  const [cursor, setCursor] = useState<{ key: string | null; next: Cursor }>({ key: null, next: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [summary, setSummary] = useState<HistorySummary | null>(null);
  const [summaryError, setSummaryError] = useState<PosError | null>(null);
  // Each new query gets a generation; answers for an older one are dropped.
  const generation = useRef(0);
  // One page read at a time: scroll events can ask for the next page twice before a render.
  const pageInFlight = useRef(false);
  const key = query ? JSON.stringify(queryArgs(query)) : null;
  const next = cursor.key === key ? cursor.next : null;

  const loadSummary = useCallback(async (args: PosArgs<'historySummary'>, gen: number) => {
    const result = await pos.historySummary(args);
    if (gen !== generation.current) return;
    setSummary(result.ok ? result.value : null);
    setSummaryError(result.ok ? null : result.error);
  }, []);

  const loadPage = useCallback(async (pageKey: string, before: Cursor, gen: number) => {
    pageInFlight.current = true;
    setLoading(true);
    const args = JSON.parse(pageKey) as PosArgs<'historySummary'>;
    const result = await pos.historyPage({ ...args, limit: HISTORY_PAGE_SIZE, ...(before ? { before } : {}) });
    if (gen !== generation.current) return;
    pageInFlight.current = false;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setSales((known) => (before ? [...known, ...result.value.sales] : result.value.sales));
    setCursor({ key: pageKey, next: result.value.next });
  }, []);

  useEffect(() => {
    const gen = ++generation.current;
    pageInFlight.current = false;
    setSales([]);
    setCursor({ key: null, next: null });
    setSummary(null);
    setLoading(false);
    if (!key) return;
    void loadPage(key, null, gen);
    void loadSummary(JSON.parse(key) as PosArgs<'historySummary'>, gen);
  }, [key, revision, loadPage, loadSummary]);

  // Rows on screen follow their sale; the totals are read again shortly after (several notices in a
  // burst cost one summary read).
  useEffect(() => {
    if (!key) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const args = JSON.parse(key) as PosArgs<'historySummary'>;
    const stop = pos.on('sale-updated', (sale) => {
      setSales((known) => {
        if (known.some((row) => row.id === sale.id)) {
          return known.map((row) => (row.id === sale.id && isAtLeastAsRecent(sale, row) ? sale : row));
        }
        return belongsOnTop(sale, args, known) ? [sale, ...known] : known;
      });
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void loadSummary(args, generation.current), SUMMARY_REFRESH_DELAY_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [key, loadSummary]);

  const loadMore = useCallback(() => {
    if (!key || !next || pageInFlight.current) return;
    void loadPage(key, next, generation.current);
  }, [key, next, loadPage]);

  return { sales, next, loading, error, summary, summaryError, loadMore };
}
