// `npm run diagnostics -- --data DIR [--out FILE]`: the same diagnostics zip as Settings → Export
// diagnostics, made from the data folder alone (the app may be running or not: nothing is written
// there and no lock is taken). Prints the zip's path.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir, readPathFlags } from './flags';
import { INSTALL_SECRET_KEYS } from '../pos/logs/core-secrets';
import { logsDirOf } from '../pos/logs/logger';
import { redactDeep } from '../pos/net/redact';
import { SECRET_NAMES, type SecretName } from '../pos/settings/secrets';
import { createFileSecretStore } from '../pos/settings/secrets-file';
import { SETTINGS_META_KEY } from '../pos/settings/stored';
import { DATABASE_FILE } from '../pos/store/data-folder';
import { readLedgerHealth, readLedgerMeta } from '../pos/store/ledger-health';
import { diagnosticsFileName, writeDiagnosticsFile } from '../pos/support/diagnostics-zip';
import { runtimeVersions } from '../pos/support/handlers';
import { storedSettingsReport, type SecretsReport } from '../pos/support/settings-report';
import { APP_VERSION } from '../pos/version';

const HELP = `Usage: npm run diagnostics -- [--data DIR] [--out FILE]

  --data DIR   the data folder (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter;
               the desktop app's folder is shown in Settings)
  --out FILE   where to write the zip (default mitilena-diagnostics-<date>-<time>.zip in this folder)

Writes one zip for support: the logs, the settings without secrets, the versions, the ledger's
integrity check and the tunnel and reachability history. Prints the zip's path.
`;

/** Browser mode's secrets (environment or secrets.json); the desktop app's are sealed by the OS keychain. */
async function knownSecrets(dataDir: string): Promise<{ values: (string | null)[]; report: SecretsReport }> {
  const store = createFileSecretStore({ dataDir });
  const values: (string | null)[] = [];
  const report = {} as SecretsReport;
  for (const name of SECRET_NAMES as readonly SecretName[]) {
    const value = await store.get(name).catch(() => undefined);
    if (value !== undefined) values.push(value);
    report[name] = value === undefined ? 'unknown' : { set: value !== null };
  }
  return { values, report };
}

async function main(): Promise<number> {
  const flags = readPathFlags(['data', 'out']);
  if (typeof flags === 'string') {
    console.error(`diagnostics: ${flags}\n\n${HELP}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = resolve(flags.paths.data ?? defaultDataDir());
  const databaseFile = join(dataDir, DATABASE_FILE);
  if (!existsSync(databaseFile)) {
    console.error(`diagnostics: there is no ledger in ${dataDir} (${DATABASE_FILE} is missing); give the data folder with --data`);
    return 1;
  }
  try {
    const meta = readLedgerMeta(databaseFile, [SETTINGS_META_KEY, ...INSTALL_SECRET_KEYS]);
    const secrets = await knownSecrets(dataDir);
    const allSecrets = [...secrets.values, ...INSTALL_SECRET_KEYS.map((key) => meta[key])];
    const out = resolve(flags.paths.out ?? diagnosticsFileName(new Date()));
    await writeDiagnosticsFile(
      {
        createdAt: new Date(),
        versions: runtimeVersions(APP_VERSION),
        dataDir,
        logsDir: logsDirOf(dataDir),
        settings: redactDeep(storedSettingsReport(meta[SETTINGS_META_KEY], secrets.report), allSecrets),
        ledger: (() => {
          try {
            return readLedgerHealth(databaseFile);
          } catch (error) {
            return { error: error instanceof Error ? error.message : String(error) };
          }
        })(),
        secrets: allSecrets,
      },
      out,
    );
    console.log(out);
    return 0;
  } catch (error) {
    console.error(`diagnostics: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`diagnostics: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
