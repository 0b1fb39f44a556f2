// Dates and times as the owner reads them on the desk and on receipts (local time), in the screens' language.
import { formatDateTime, formatDay } from '../i18n/numbers';

/** "26 Nov 2026, 14:05:09", or a dash when unreadable. */
export function showDateTime(iso: string | null): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return formatDateTime(at);
}

/** "26 Nov 2026" for a local day, or the text itself when unreadable. */
export function showDay(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return formatDay(at);
}
