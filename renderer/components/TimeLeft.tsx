// Counts down to the invoice's expiry. The core decides when it has expired; this only informs.
import { formatTimeLeft, msUntil } from '../countdown';
import { useNow } from '../hooks';

const TICK_MS = 1000;

export function TimeLeft({ expiresAt }: { expiresAt: string | null }) {
  const now = useNow(TICK_MS);
  const left = msUntil(expiresAt, now);
  if (left === null) return <span>No expiry given</span>;
  return (
    <time className={left <= 60_000 ? 'time-left time-left--short' : 'time-left'} dateTime={expiresAt ?? undefined}>
      {left > 0 ? formatTimeLeft(left) : 'Time is up'}
    </time>
  );
}
