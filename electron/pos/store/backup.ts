// Daily backups of the ledger with better-sqlite3's online backup API (the app keeps running and
// the copy is consistent), kept for BACKUPS_KEPT days. Putting one back is restore.ts's job.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Ledger } from './ledger';

export const BACKUP_DIR = 'backups';
export const BACKUPS_KEPT = 14;
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the schedule looks whether a day has passed (cheap: one readdir). */
export const BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000;

const BACKUP_NAME = /^counter-(\d{8}T\d{6}Z)\.sqlite3$/;

export interface BackupInfo {
  file: string;
  takenAt: Date;
}

/** 20261126T100000Z: a UTC time that sorts as text and is safe in a file name. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function parseStamp(text: string): Date {
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`;
  return new Date(iso);
}

/** Backups in `dataDir`, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => BACKUP_NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ file: join(dir, match[0]), takenAt: parseStamp(match[1] as string) }))
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** Takes a backup now and drops the oldest beyond BACKUPS_KEPT. */
export async function backupNow(ledger: Ledger, dataDir: string, now: Date): Promise<BackupInfo> {
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `counter-${stamp(now)}.sqlite3`);
  const partial = `${file}.partial`;
  // Written under another name first, so a crash mid-backup never leaves a backup that looks whole.
  // Created empty and 0600 first: SQLite would create it readable by everyone (0644 under the usual
  // umask), and a backup holds every sale, the sandbox key and the webhook token.
  rmSync(partial, { force: true });
  closeSync(openSync(partial, 'wx', 0o600));
  await ledger.backupTo(partial);
  renameSync(partial, file);
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) rmSync(old.file, { force: true });
  return { file, takenAt: now };
}

export interface BackupSchedule {
  /** The check made when the schedule began: the backup it took, or null (a recent one exists, or it failed). */
  readonly first: Promise<BackupInfo | null>;
  /** Stops the schedule; waits for a backup in progress, so the database can be closed right after. */
  stop(): Promise<void>;
}

/** Backs up once a day while the app runs: at once when the last one is older than a day, then hourly checks. */
export function scheduleBackups(ledger: Ledger, dataDir: string, now: () => Date, log?: (line: string) => void): BackupSchedule {
  let running: Promise<BackupInfo | null> | null = null;
  const check = (): Promise<BackupInfo | null> => {
    if (running) return running;
    const last = listBackups(dataDir)[0];
    if (last && now().getTime() - last.takenAt.getTime() < BACKUP_INTERVAL_MS) return Promise.resolve(null);
    running = backupNow(ledger, dataDir, now())
      .then((taken) => {
        log?.(`backup: saved ${taken.file}`);
        return taken;
      })
      .catch((error: unknown) => {
        log?.(`backup: failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = check();
  const timer = setInterval(() => void check(), BACKUP_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    first,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
