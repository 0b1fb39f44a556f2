// `npm run restore -- --data DIR [--from FILE]`: puts a backup back in place of the ledger.
// Without --from it lists the backups. The app must be stopped first.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from './pos/store/database';
import { listBackups, restoreBackup, RestoreError } from './pos/store/backup';
import { acquireInstanceLock } from './pos/store/instance-lock';

const HELP = `Usage: npm run restore -- [--data DIR] [--from FILE]

  --data DIR   the data folder (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter;
               the desktop app's folder is shown in Settings)
  --from FILE  the backup to restore (a file under DIR/backups/); without it, the backups are listed
`;

function main(): number {
  const { values } = parseArgs({ options: { data: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = values.data ?? join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mitilena-counter');
  if (!values.from) {
    const backups = listBackups(dataDir);
    if (backups.length === 0) console.log(`No backups in ${join(dataDir, 'backups')}`);
    for (const backup of backups) console.log(`${backup.takenAt.toISOString()}  ${backup.file}`);
    return 0;
  }
  let release: () => void;
  try {
    // The same lock the app takes: while restoring, no app can start on the folder, and none runs.
    release = acquireInstanceLock(dataDir);
  } catch (error) {
    console.error(`restore: ${error instanceof Error ? error.message : String(error)} Nothing was changed.`);
    return 1;
  }
  try {
    const { keptAs } = restoreBackup(dataDir, join(dataDir, DATABASE_FILE), values.from, new Date());
    console.log(`Restored ${values.from}.${keptAs ? ` The ledger it replaced is kept as ${keptAs}.` : ''}`);
    return 0;
  } catch (error) {
    console.error(`restore: ${error instanceof RestoreError ? error.message : String(error)}`);
    return 1;
  } finally {
    release();
  }
}

process.exitCode = main();
