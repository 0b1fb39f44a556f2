// One running app per data folder, held by the operating system: an exclusive SQLite lock (fcntl
// on POSIX, LockFileEx on Windows) on <data>/instance.lock, kept open for the life of the process.
// However the process ends (quit, crash, SIGKILL, power cut), the kernel drops the lock with it, so
// a leftover file never blocks a start, and of two simultaneous starts exactly one gets it.
// (The pid file of earlier versions could name a reused pid after a reboot and block for good.)
//
// A POSIX lock is dropped when ANY descriptor of the file is closed in this process, so nothing here
// or elsewhere may open instance.lock except through this SQLite connection (chmod and stat are fine).
import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'instance.lock';
/** The pid file of versions before the kernel-held lock; never trusted, removed once the lock is ours. */
export const LEGACY_PID_FILE = 'counter.pid';
const PRIVATE_FILE_MODE = 0o600;

export class AlreadyRunningError extends Error {
  override name = 'AlreadyRunningError';
}

export interface InstanceLockOptions {
  /** better-sqlite3 built for Electron's ABI (the desktop app). */
  nativeBinding?: string;
}

/** Creates the lock file 0600 without ever opening an existing one (see the note above). */
function ensureLockFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // Not ours to tighten (another user's file): the lock still works, and it holds no data.
    }
  }
}

/**
 * Takes `dataDir` for this process, or throws AlreadyRunningError at once when another process
 * (or another start in this one) holds it. Returns the release function.
 */
export function acquireInstanceLock(dataDir: string, options: InstanceLockOptions = {}): () => void {
  const file = join(dataDir, LOCK_FILE);
  ensureLockFile(file);
  // timeout 0: a held lock is an answer, not something to wait for.
  const db = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // Exclusive locking mode keeps the lock after the first write lock; BEGIN EXCLUSIVE takes it now.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AlreadyRunningError(`Mitilena Counter is already running on ${dataDir}; stop it first.`);
    }
    throw new Error(`Could not take the lock ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // A pid file from an older version is meaningless now (its pid may belong to anything).
  rmSync(join(dataDir, LEGACY_PID_FILE), { force: true });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    db.close();
  };
}
