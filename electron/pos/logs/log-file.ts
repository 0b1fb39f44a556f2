// The log files in <data>/logs/: counter.log is written to; when it reaches its size or age limit it
// is renamed counter-<time it was rotated>.log (names sort in time order) and a new one starts. Old
// files go when there are too many or they are past the age limit. Writes are synchronous: a line is
// a few hundred bytes, and the last line before a crash must reach the disk before the process goes.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecord } from './record';

export const LOGS_DIR = 'logs';
export const ACTIVE_LOG_FILE = 'counter.log';
const ROTATED_LOG_FILE = /^counter-\d{8}T\d{9}Z(-\d+)?\.log$/;

export interface LogLimits {
  /** counter.log is rotated before a line would take it past this. */
  maxFileBytes: number;
  /** counter.log is rotated once its first line is this old, so old lines can age out. */
  maxFileSpanMs: number;
  /** At most this many files, counter.log included. */
  maxFiles: number;
  /** Rotated files last written longer ago than this are deleted. */
  maxAgeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** 5 files of 5 MB: at most 25 MB, and at most 30 days back. */
export const DEFAULT_LOG_LIMITS: LogLimits = { maxFileBytes: 5 * 1024 * 1024, maxFileSpanMs: 7 * DAY_MS, maxFiles: 5, maxAgeMs: 30 * DAY_MS };

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** The log files of a logs folder, oldest first (rotated ones by name, then counter.log). */
export function listLogFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  const rotated = names.filter((name) => ROTATED_LOG_FILE.test(name)).sort();
  return [...rotated, ...(names.includes(ACTIVE_LOG_FILE) ? [ACTIVE_LOG_FILE] : [])].map((name) => join(dir, name));
}

function stampOf(time: Date): string {
  // 2025-01-02T03:04:05.678Z → 20250102T030405678Z
  return time.toISOString().replace(/[-:.]/g, '');
}

/** The time of the first record in a file, or null (empty, unreadable, not ours). */
function firstRecordTime(fd: number): number | null {
  const buffer = Buffer.alloc(8 * 1024);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  const firstLine = buffer.subarray(0, read).toString('utf8').split('\n', 1)[0] ?? '';
  const record = parseRecord(firstLine);
  const time = record ? Date.parse(record.time) : NaN;
  return Number.isFinite(time) ? time : null;
}

export class RotatingLogFile {
  private fd: number | null = null;
  private size = 0;
  private startedAt = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date,
    private readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  /** Appends `text` (whole lines), rotating first when the limits say so. */
  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    const at = this.now().getTime();
    let fd = this.open(at);
    const full = this.size + bytes > this.limits.maxFileBytes;
    const old = at - this.startedAt >= this.limits.maxFileSpanMs;
    if (this.size > 0 && (full || old)) fd = this.rotate(at);
    writeSync(fd, text);
    this.size += bytes;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(at: number): number {
    if (this.fd !== null) return this.fd;
    mkdirSync(this.dir, { recursive: true, mode: DIR_MODE });
    const fd = openSync(join(this.dir, ACTIVE_LOG_FILE), 'a+', FILE_MODE);
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.startedAt = this.size > 0 ? (firstRecordTime(fd) ?? at) : at;
    this.prune(at);
    return fd;
  }

  private rotate(at: number): number {
    this.close();
    const stamp = stampOf(new Date(at));
    let target = join(this.dir, `counter-${stamp}.log`);
    for (let n = 1; existsSync(target); n++) target = join(this.dir, `counter-${stamp}-${n}.log`);
    renameSync(join(this.dir, ACTIVE_LOG_FILE), target);
    return this.open(at);
  }

  /** Deletes rotated files past the count (oldest first) or the age limit. */
  private prune(at: number): void {
    const rotated = listLogFiles(this.dir).filter((file) => !file.endsWith(ACTIVE_LOG_FILE));
    const overCount = Math.max(0, rotated.length - (this.limits.maxFiles - 1));
    rotated.forEach((file, index) => {
      try {
        if (index < overCount || at - statSync(file).mtimeMs > this.limits.maxAgeMs) unlinkSync(file);
      } catch {
        // Gone already, or not ours to delete: the next prune tries again.
      }
    });
  }
}
