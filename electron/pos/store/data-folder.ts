// The data folder and the ledger's files as the operating system sees them: private to this user
// (they hold every sale, the sandbox key and the webhook token), and never a silently new ledger
// where an old one went missing.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BACKUP_DIR, listBackups } from './backup';

/** The ledger's file name inside the data folder. */
export const DATABASE_FILE = 'counter.sqlite3';
export const DATA_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** SQLite's companions of a database file; it creates them with the main file's mode. */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

export class LedgerMissingError extends Error {
  override name = 'LedgerMissingError';
}

/** Brings `file` to `mode` when it has more; a file we cannot tighten is reported, not fatal. */
function tighten(file: string, mode: number, log?: (line: string) => void, chmod: (file: string, mode: number) => void = chmodSync): void {
  if (process.platform === 'win32' || !existsSync(file)) return;
  const current = statSync(file).mode & 0o777;
  if ((current & ~mode) === 0) return;
  try {
    chmod(file, mode);
  } catch (error) {
    log?.(`data folder: could not make ${file} private (mode ${current.toString(8)}, ${codeOf(error)}); other users of this computer may read it`);
  }
}

/**
 * Creates the data folder 0700, or tightens an existing one; one we may not change (another user's,
 * a read-only mount) is used with a warning. `chmod` is a parameter so a test can stage the refusal.
 */
export function prepareDataFolder(dataDir: string, log?: (line: string) => void, chmod: (file: string, mode: number) => void = chmodSync): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  tighten(dataDir, DATA_DIR_MODE, log, chmod);
}

/**
 * Creates the ledger 0600 before SQLite opens it (SQLite would use 0644 under the usual umask, and
 * gives its -wal and -shm the main file's mode), and tightens the ledger, its companions, the
 * backups and the kept pre-restore ledgers when an older version left them readable.
 */
export function makeLedgerFilesPrivate(dataDir: string, databaseFile: string, log?: (line: string) => void): void {
  try {
    closeSync(openSync(databaseFile, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const file of [databaseFile, ...COMPANIONS.map((suffix) => `${databaseFile}${suffix}`), ...keptLedgers(databaseFile)]) tighten(file, PRIVATE_FILE_MODE, log);
  const backups = join(dataDir, BACKUP_DIR);
  if (!existsSync(backups)) return;
  tighten(backups, DATA_DIR_MODE, log);
  for (const name of readdirSync(backups)) tighten(join(backups, name), PRIVATE_FILE_MODE, log);
}

/** counter.sqlite3.before-restore-* files (and their companions) beside the ledger. */
function keptLedgers(databaseFile: string): string[] {
  const prefix = `${basename(databaseFile)}.before-restore-`;
  return readdirSync(dirname(databaseFile))
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dirname(databaseFile), name));
}

/**
 * Refuses to start on a folder whose ledger is gone but whose backups (or a kept pre-restore ledger,
 * or its WAL) are there: a new empty ledger would hide those sales and get a new webhook token, so
 * notices for pending invoices would find nothing. The owner restores instead.
 */
export function refuseLostLedger(dataDir: string, databaseFile: string): void {
  if (existsSync(databaseFile)) return;
  const backups = listBackups(dataDir).map((backup) => backup.file);
  const kept = keptLedgers(databaseFile).filter((file) => !COMPANIONS.some((suffix) => file.endsWith(suffix))).sort().reverse();
  const orphanWal = existsSync(`${databaseFile}-wal`);
  if (backups.length === 0 && kept.length === 0 && !orphanWal) return;
  const newest = backups[0] ?? kept[0];
  const found = backups.length > 0 || kept.length > 0 ? `this folder has ${backups.length > 0 ? 'backups' : 'a ledger kept by a restore'} (newest: ${newest})` : `its ${basename(databaseFile)}-wal is still there`;
  throw new LedgerMissingError(
    `The sales ledger ${databaseFile} is missing, but ${found}. Nothing was created: a new empty ledger would hide those sales ` +
      `and give the webhook a new address, so notices for pending invoices would be lost. ` +
      `Put a backup back with: npm run restore -- --data ${dataDir} --from ${newest ?? 'FILE'} ` +
      `(npm run restore -- --data ${dataDir} lists the backups). To start afresh on purpose, move the backups and the old files out of ${dataDir} first.`,
  );
}
