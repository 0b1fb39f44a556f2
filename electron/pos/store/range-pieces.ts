// A range of instants cut into what the totals hold whole (runs of UTC months, days and hours) and the
// edges they do not (less than an hour each, read from the sales themselves). UTC buckets, not the
// shop's days: a local day is a run of whole UTC hours in every zone with whole-hour offsets, stays
// exact across daylight saving changes (23- or 25-hour days) and when the computer's zone changes,
// and the odd zones (India +5:30, Nepal +5:45) only add two edges under an hour. Pure.
import { SPANS, type Span } from './sale-totals-sql';

export interface BucketRun {
  span: Span;
  /** Bucket names (prefixes of created_at), `to` exclusive. */
  from: string;
  to: string;
}

export interface RangePieces {
  runs: BucketRun[];
  /** Stored instants, `to` exclusive. */
  edges: { from: string; to: string }[];
}

const HOUR_MS = 3_600_000;

function nextOf(span: Span, ms: number): number {
  const at = new Date(ms);
  if (span === 'h') return ms + HOUR_MS;
  if (span === 'd') return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
}

function startOf(span: Span, ms: number): number {
  const at = new Date(ms);
  if (span === 'h') return Math.floor(ms / HOUR_MS) * HOUR_MS;
  if (span === 'd') return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
}

const bucketOf = (span: Span, ms: number): string => new Date(ms).toISOString().slice(0, SPANS[span]);
const LARGEST_FIRST: readonly Span[] = ['m', 'd', 'h'];

/** `from` and `to` are stored instants (ISO, UTC); a canonical `created_at` sorts by text as by time. */
export function rangePieces(from: string, to: string): RangePieces {
  const end = Date.parse(to);
  const pieces: RangePieces = { runs: [], edges: [] };
  let cursor = Date.parse(from);
  while (cursor < end) {
    const span = LARGEST_FIRST.find((candidate) => startOf(candidate, cursor) === cursor && nextOf(candidate, cursor) <= end);
    if (!span) {
      const stop = Math.min(end, nextOf('h', startOf('h', cursor)));
      pieces.edges.push({ from: new Date(cursor).toISOString(), to: new Date(stop).toISOString() });
      cursor = stop;
      continue;
    }
    const next = nextOf(span, cursor);
    const last = pieces.runs[pieces.runs.length - 1];
    if (last && last.span === span && last.to === bucketOf(span, cursor)) last.to = bucketOf(span, next);
    else pieces.runs.push({ span, from: bucketOf(span, cursor), to: bucketOf(span, next) });
    cursor = next;
  }
  return pieces;
}
