// `npm run restore -- --data DIR [--from FILE]`: puts a backup back in place of the ledger.
// Without --from it lists the backups. It takes the app's instance lock, so the app must be stopped.
import { join, resolve } from 'node:path';
import { defaultDataDir, readPathFlags } from './flags';
import { DATABASE_FILE } from '../pos/store/data-folder';
import { listBackups } from '../pos/store/backup';
import { AlreadyRunningError } from '../pos/store/instance-lock';
import { restoreBackup, RestoreError } from '../pos/store/restore';

const HELP = `Usage: npm run restore -- [--data DIR] [--from FILE]

  --data DIR   the data folder (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter;
               the desktop app's folder is shown in Settings)
  --from FILE  the backup to restore (a file under DIR/backups/); without it, the backups are listed
`;

function main(): number {
  const flags = readPathFlags(['data', 'from']);
  if (typeof flags === 'string') {
    console.error(`restore: ${flags}\n\n${HELP}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = flags.paths.data ?? defaultDataDir();
  if (!flags.paths.from) {
    const backups = listBackups(dataDir);
    if (backups.length === 0) console.log(`No backups in ${join(dataDir, 'backups')}`);
    for (const backup of backups) console.log(`${backup.takenAt.toISOString()}  ${backup.file}`);
    return 0;
  }
  try {
    const from = resolve(flags.paths.from);
    const { keptAs } = restoreBackup(dataDir, join(dataDir, DATABASE_FILE), from, { now: new Date(), log: (line) => console.error(line) });
    console.log(`Restored ${from}.${keptAs ? ` The ledger it replaced is kept as ${keptAs}.` : ''}`);
    return 0;
  } catch (error) {
    if (error instanceof AlreadyRunningError) console.error(`restore: ${error.message} Nothing was changed.`);
    else console.error(`restore: ${error instanceof RestoreError ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = main();
