// Daily backups of the ledger with better-sqlite3's online backup API (the app keeps running and
// the copy is consistent), kept for BACKUPS_KEPT days, and a restore that checks a backup before it
// replaces anything.
import type Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './database';
import { LATEST_VERSION } from './migrations';

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

function stamp(date: Date): string {
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
export async function backupNow(db: Database.Database, dataDir: string, now: Date): Promise<BackupInfo> {
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `counter-${stamp(now)}.sqlite3`);
  const partial = `${file}.partial`;
  // Written under another name first, so a crash mid-backup never leaves a backup that looks whole.
  await db.backup(partial);
  renameSync(partial, file);
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) rmSync(old.file, { force: true });
  return { file, takenAt: now };
}

/** Backs up once a day while the app runs: at start when the last one is older than a day, then hourly checks. */
/** The returned stop waits for a backup in progress, so the database can be closed right after. */
export function scheduleBackups(db: Database.Database, dataDir: string, now: () => Date, log?: (line: string) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const check = (): void => {
    if (running) return;
    const last = listBackups(dataDir)[0];
    if (last && now().getTime() - last.takenAt.getTime() < BACKUP_INTERVAL_MS) return;
    running = backupNow(db, dataDir, now())
      .then((taken) => log?.(`backup: saved ${taken.file}`))
      .catch((error: unknown) => log?.(`backup: failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  check();
  const timer = setInterval(check, BACKUP_CHECK_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/**
 * Replaces the ledger in `dataDir` with `backupFile` after checking it (integrity, schema version).
 * The current ledger is kept beside it as counter.sqlite3.before-restore-<time>. The app must be stopped.
 */
export function restoreBackup(dataDir: string, databaseFile: string, backupFile: string, now: Date): { keptAs: string | null } {
  if (!existsSync(backupFile) || !statSync(backupFile).isFile()) throw new RestoreError(`There is no backup file at ${backupFile}`);
  let check: Database.Database;
  try {
    check = openDatabase(backupFile, { readonly: true });
  } catch (error) {
    throw new RestoreError(`${backupFile} is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = check.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new RestoreError(`${backupFile} is damaged (${error instanceof Error ? error.message : String(error)}); nothing was changed`);
    }
    if (integrity !== 'ok') throw new RestoreError(`${backupFile} is damaged (integrity_check: ${String(integrity)}); nothing was changed`);
    const version = check.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new RestoreError(`${backupFile} was written by a newer version of the app (schema ${version}); nothing was changed`);
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sales', 'sale_events')").all();
    if (tables.length !== 2) throw new RestoreError(`${backupFile} is not a Mitilena Counter ledger; nothing was changed`);
  } finally {
    check.close();
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let keptAs: string | null = null;
  if (existsSync(databaseFile)) {
    keptAs = `${databaseFile}.before-restore-${stamp(now)}`;
    // Fold the WAL into the main file first, so the kept copy is whole on its own.
    const current = openDatabase(databaseFile);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    renameSync(databaseFile, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  copyFileSync(backupFile, databaseFile);
  return { keptAs };
}
