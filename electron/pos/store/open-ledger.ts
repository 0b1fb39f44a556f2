// The ledger of a data folder, opened as the app needs it: the folder private, this process the only
// app on it (the instance lock), a missing ledger never replaced silently, its files private, and then
// the ledger itself. On any refusal nothing stays held.
import { join } from 'node:path';
import { DATABASE_FILE, makeLedgerFilesPrivate, prepareDataFolder, refuseLostLedger } from './data-folder';
import { acquireInstanceLock } from './instance-lock';
import { Ledger } from './ledger';

export interface OpenedLedger {
  ledger: Ledger;
  databaseFile: string;
  /** Closes the ledger and lets go of the folder. */
  close(): void;
}

export function openFolderLedger(dataDir: string, options: { nativeBinding?: string; log?: (line: string) => void } = {}): OpenedLedger {
  prepareDataFolder(dataDir, options.log);
  // One app per data folder: a second one would share the ledger and the webhook port.
  const releaseLock = acquireInstanceLock(dataDir, { nativeBinding: options.nativeBinding });
  const databaseFile = join(dataDir, DATABASE_FILE);
  try {
    refuseLostLedger(dataDir, databaseFile);
    makeLedgerFilesPrivate(dataDir, databaseFile, options.log);
    const ledger = Ledger.open(databaseFile, { nativeBinding: options.nativeBinding });
    return {
      ledger,
      databaseFile,
      close() {
        ledger.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
