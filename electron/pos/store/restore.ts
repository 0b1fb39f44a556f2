// Putting a backup back in place of the ledger, so that nothing can be lost on the way: the backup is
// copied to a temporary file beside the ledger, synced and checked there (integrity, schema version,
// tables), and only then swapped in with renames, the old ledger (with its WAL) kept beside it as
// counter.sqlite3.before-restore-<time>. Until the last rename nothing of the ledger is opened,
// written or moved; if that rename fails the first ones are undone. So on any failure — a damaged or
// missing file, the ledger itself given as the backup, a full disk — the ledger is exactly as before.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stamp } from './backup';
import { acquireInstanceLock } from './instance-lock';
import { LATEST_VERSION } from './migrations';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/** The file operations that write; tests replace them to stage a full disk or a failed rename. */
export interface RestoreFileOps {
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  renameSync(from: string, to: string): void;
}

const REAL_OPS: RestoreFileOps = {
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
};

const COPY_CHUNK_BYTES = 1024 * 1024;
const PRIVATE_FILE_MODE = 0o600;
/** The ledger's companions that move with it (the WAL holds committed sales until a checkpoint). */
const COMPANIONS = ['', '-wal', '-shm'] as const;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Copies `from` into a new 0600 file `to`, synced to disk; a partial copy is removed. */
function copySynced(from: string, to: string, ops: RestoreFileOps): void {
  const source = fs.openSync(from, 'r');
  let target: number | null = null;
  try {
    target = fs.openSync(to, 'wx', PRIVATE_FILE_MODE);
    const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
    for (;;) {
      const read = fs.readSync(source, buffer, 0, COPY_CHUNK_BYTES, null);
      if (read === 0) break;
      for (let offset = 0; offset < read; ) offset += ops.writeSync(target, buffer, offset, read - offset);
    }
    ops.fsyncSync(target);
  } finally {
    fs.closeSync(source);
    if (target !== null) fs.closeSync(target);
  }
}

/** Checks the copy as the app will open it; throws a RestoreError saying what is wrong. */
function checkCopy(copy: string, backupFile: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(copy, { fileMustExist: true });
    // A backup's own WAL was copied beside it: fold it in, so the checks see every committed row.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RestoreError(`${backupFile} is damaged (integrity_check: ${String(integrity)})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new RestoreError(`${backupFile} was written by a newer version of the app (schema ${version}, this app knows ${LATEST_VERSION})`);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sales', 'sale_events')").all();
    if (tables.length !== 2) throw new RestoreError(`${backupFile} is not a Mitilena Counter ledger`);
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`${backupFile} is not a readable SQLite database (${messageOf(error)})`, { cause: error });
  } finally {
    db?.close();
  }
}

function removeQuietly(files: string[]): void {
  for (const file of files) fs.rmSync(file, { force: true });
}

/** Flushes the folder's entries (the renames) to disk; not possible on Windows, where rename is durable enough. */
function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const [first, second] = [fs.statSync(a), fs.statSync(b)];
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

/** counter.sqlite3.before-restore-20261127T100000Z, with -2, -3 … when one of that second exists. */
function keptName(databaseFile: string, now: Date): string {
  const base = `${databaseFile}.before-restore-${stamp(now)}`;
  let name = base;
  for (let n = 2; COMPANIONS.some((suffix) => fs.existsSync(`${name}${suffix}`)); n++) name = `${base}-${n}`;
  return name;
}

/** Moves the ledger and its WAL aside and the checked copy in; undoes the first moves if the last fails. */
function swapIn(databaseFile: string, copy: string, keptAs: string, ops: RestoreFileOps): void {
  const moved: [string, string][] = [];
  try {
    for (const suffix of COMPANIONS) {
      if (!fs.existsSync(`${databaseFile}${suffix}`)) continue;
      ops.renameSync(`${databaseFile}${suffix}`, `${keptAs}${suffix}`);
      moved.push([`${databaseFile}${suffix}`, `${keptAs}${suffix}`]);
    }
    ops.renameSync(copy, databaseFile);
  } catch (error) {
    const stuck: string[] = [];
    for (const [original, aside] of moved.reverse()) {
      try {
        fs.renameSync(aside, original);
      } catch {
        stuck.push(`${aside} (was ${basename(original)})`);
      }
    }
    if (stuck.length > 0) throw new RestoreError(`Could not put the backup in place (${messageOf(error)}), nor move the ledger back: rename ${stuck.join(', ')} back by hand`, { cause: error });
    throw new RestoreError(`Could not put the backup in place (${messageOf(error)}); the ledger is as it was`, { cause: error });
  }
}

export interface RestoreOptions {
  now: Date;
  ops?: Partial<RestoreFileOps>;
  log?: (line: string) => void;
}

/**
 * Replaces the ledger `databaseFile` in `dataDir` with `backupFile`, holding the instance lock (no app
 * may run on the folder meanwhile). Returns where the replaced ledger is kept (null when there was none).
 */
export function restoreBackup(dataDir: string, databaseFile: string, backupFile: string, options: RestoreOptions): { keptAs: string | null } {
  const ops: RestoreFileOps = { ...REAL_OPS, ...options.ops };
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) throw new RestoreError(`There is no backup file at ${backupFile}; nothing was changed`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireInstanceLock(dataDir);
  try {
    // Any spelling or link that leads to the ledger's own file (same device and inode).
    if (sameFile(backupFile, databaseFile)) throw new RestoreError(`${backupFile} is the ledger itself; choose a backup (npm run restore -- --data ${dataDir} lists them); nothing was changed`);

    const copy = join(dirname(databaseFile), `${basename(databaseFile)}.restore-${process.pid}.tmp`);
    const copyFiles = [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`];
    // Copies left by a restore that was killed: with the lock held, no one else is writing them.
    const leftover = new RegExp(`^${basename(databaseFile).replace(/\./g, '\\.')}\\.restore-\\d+\\.tmp(-wal|-shm|-journal)?$`);
    removeQuietly(fs.readdirSync(dirname(databaseFile)).filter((name) => leftover.test(name)).map((name) => join(dirname(databaseFile), name)));
    try {
      copySynced(backupFile, copy, ops);
      const backupWal = `${backupFile}-wal`;
      if (fs.existsSync(backupWal) && fs.statSync(backupWal).size > 0) copySynced(backupWal, `${copy}-wal`, ops);
      checkCopy(copy, backupFile);
      removeQuietly(copyFiles.slice(1));
    } catch (error) {
      removeQuietly(copyFiles);
      if (error instanceof RestoreError) throw new RestoreError(`${error.message}; nothing was changed`, { cause: error });
      throw new RestoreError(`Could not copy ${backupFile} beside the ledger (${messageOf(error)}); nothing was changed`, { cause: error });
    }

    const hadLedger = COMPANIONS.some((suffix) => fs.existsSync(`${databaseFile}${suffix}`));
    const keptAs = keptName(databaseFile, options.now);
    try {
      swapIn(databaseFile, copy, keptAs, ops);
    } finally {
      removeQuietly(copyFiles);
    }
    syncFolder(dirname(databaseFile));
    if (hadLedger) foldKeptWal(keptAs, options.log);
    return { keptAs: hadLedger ? keptAs : null };
  } finally {
    release();
  }
}

/** The kept ledger as one file: its WAL folded in. If that fails, the pair is still whole; say so. */
function foldKeptWal(keptAs: string, log?: (line: string) => void): void {
  if (!fs.existsSync(`${keptAs}-wal`) || !fs.existsSync(keptAs)) return;
  try {
    const db = new Database(keptAs, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  } catch (error) {
    log?.(`restore: the replaced ledger is kept as ${keptAs} with its ${basename(keptAs)}-wal beside it (keep both): ${messageOf(error)}`);
  }
}
