// Dates and times as the owner reads them on the desk and on receipts (local time).

/** "26 Nov 2026, 14:05:09", or a dash when unreadable. */
export function showDateTime(iso: string | null): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return at.toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "26 Nov 2026" for a local day, or the text itself when unreadable. */
export function showDay(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });
}
