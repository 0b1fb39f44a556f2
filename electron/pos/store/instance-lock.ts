// One running app per data folder: a pid file created exclusively. A stale one (its process is
// gone, e.g. after a crash or SIGKILL) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'counter.pid';

/** Folders this process holds: a pid file naming us is only ours if we took it (pids get reused). */
const held = new Set<string>();

export class AlreadyRunningError extends Error {
  override name = 'AlreadyRunningError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding `dataDir`, or null when no live process does. */
export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder for this process; returns the release function. */
export function acquireInstanceLock(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  const key = resolve(dataDir);
  if (held.has(key)) throw new AlreadyRunningError(`Mitilena Counter is already running on ${dataDir} in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(key);
      return () => {
        held.delete(key);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(dataDir);
      if (holder !== null && holder !== process.pid) {
        throw new AlreadyRunningError(`Mitilena Counter is already running on ${dataDir} (process ${holder}); stop it first.`);
      }
      // Left by a process that is gone (or by an earlier process that had our pid): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new AlreadyRunningError(`Could not take ${file}`);
}
