// One log line as a record: the core's parts write "area: message" lines (log(line)), and this turns
// each into { time, level, area, message, saleId? }. The level comes from the caller when it knows,
// else from wording that reliably means trouble; everything else is 'info'.

export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a part of the app logs: a line ("area: message"), and a level when the caller knows it. */
export type LogLine = (line: string, level?: LogLevel) => void;

export interface LogRecord {
  time: string;
  level: LogLevel;
  area: string;
  message: string;
  saleId?: string;
}

/** A sale id anywhere in a line (ids.ts: "sale-" and 26 Crockford base32 characters). */
export const SALE_ID_IN_TEXT = /sale-[0-9A-HJKMNP-TV-Z]{26}/;
/** A stack trace or a huge outside answer stays one bounded line. */
export const MAX_MESSAGE_CHARS = 4_000;

/** "webhook", "data folder", "sale sale-…": a short prefix before ": "; anything else is 'app'. */
const AREA_PREFIX = /^([A-Za-z][\w .-]{0,60}?):\s/;

/**
 * Wording the existing lines use for trouble, checked in order. Only phrases that mean the same in
 * every line that has them: "failed" is always an error; the warn phrases name something degraded
 * that the app works around (a taken port, an unreachable URL, a retry).
 */
const LEVEL_BY_WORDING: readonly { level: LogLevel; pattern: RegExp }[] = [
  { level: 'error', pattern: /\bfailed\b|\bcould not record\b|\buncaught\b|\bunhandled\b/i },
  { level: 'warn', pattern: /\bcould not\b|\bcannot\b|\bnot reachable\b|\bunreachable\b|\btrying again\b|\bis taken\b|\bcontradicts\b|\brefused\b|\bcut off\b|\bwent away\b/i },
];

export function levelOf(message: string): LogLevel {
  return LEVEL_BY_WORDING.find(({ pattern }) => pattern.test(message))?.level ?? 'info';
}

function bounded(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (${text.length - MAX_MESSAGE_CHARS} more characters)` : text;
}

/** The record for one line (already redacted by the caller). */
export function toRecord(line: string, time: Date, level?: LogLevel): LogRecord {
  const prefix = AREA_PREFIX.exec(line);
  const area = prefix ? (prefix[1] as string).replace(SALE_ID_IN_TEXT, '').trim().toLowerCase() || 'app' : 'app';
  const message = bounded(prefix ? line.slice(prefix[0].length) : line);
  const saleId = SALE_ID_IN_TEXT.exec(line)?.[0];
  return { time: time.toISOString(), level: level ?? levelOf(line), area, message, ...(saleId ? { saleId } : {}) };
}

/** A record read back from a log file; null for a line that is not one (a torn last line). */
export function parseRecord(text: string): LogRecord | null {
  try {
    const value = JSON.parse(text) as Partial<LogRecord> | null;
    if (!value || typeof value.time !== 'string' || typeof value.area !== 'string' || typeof value.message !== 'string') return null;
    if (!LOG_LEVELS.includes(value.level as LogLevel)) return null;
    return value as LogRecord;
  } catch {
    return null;
  }
}
