// The shop's time zone is this computer's (the TZ environment variable, else the system setting):
// one definition for the day a Z-report closes, the CSV's local_date and local_time, and the screens,
// which run on the same computer. A day is [local midnight, next local midnight): 23 or 25 hours on
// the days clocks change.

/** The zone's name, as the reports print it ("Europe/Prague"). */
export function shopTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** "2026-11-26" → its instants in the shop's zone; null when it is not a calendar day. */
export function shopDayRange(day: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date);
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) return null;
  return { from: start.toISOString(), to: new Date(year, month, date + 1).toISOString() };
}

/** The shop's calendar day of an instant ("2026-11-26"). */
export function shopDayOf(at: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}
