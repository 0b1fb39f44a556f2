// "Export diagnostics" behind PosApi (owner-only): the zip of diagnostics-zip.ts, through the
// Electron save dialog, or as a one-time download in browser mode (like the CSV export).
import { release } from 'node:os';
import { fail, ok } from '../../../shared/result';
import type { SettingsView } from '../../../shared/api';
import { logsDirOf } from '../logs/logger';
import { redactDeep } from '../net/redact';
import { defineMethods, type MethodGroup } from '../registry';
import type { DownloadRegistry, OwnerHost } from '../owner/types';
import { diagnosticsFileName, writeDiagnostics, writeDiagnosticsFile, type DiagnosticsContent } from './diagnostics-zip';
import { readLedgerHealthInWorker } from './ledger-health-run';
import { settingsReport } from './settings-report';

export interface SupportDeps {
  dataDir: string;
  databaseFile: string;
  nativeBinding?: string;
  appVersion: string;
  now: () => Date;
  settings: () => SettingsView;
  /** Every secret the core knows (the logger's list): checked for again in every line that leaves. */
  secrets: () => readonly (string | null | undefined)[];
  host: OwnerHost;
  downloads: DownloadRegistry;
  /** The bundled ledger check worker; found beside the running bundle when omitted. */
  ledgerHealthWorkerFile?: string;
}

/** The app's and the platform's versions (Electron's and Chromium's only inside Electron). */
export function runtimeVersions(appVersion: string): Record<string, string> {
  const { node, electron, chrome } = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return { app: appVersion, node, ...(electron ? { electron } : {}), ...(chrome ? { chrome } : {}), platform: process.platform, arch: process.arch, osRelease: release() };
}

async function collect(deps: SupportDeps): Promise<DiagnosticsContent> {
  const secrets = deps.secrets();
  return {
    createdAt: deps.now(),
    versions: runtimeVersions(deps.appVersion),
    dataDir: deps.dataDir,
    logsDir: logsDirOf(deps.dataDir),
    // The owner's own URLs could carry a key pasted into them: checked like the logs.
    settings: redactDeep(settingsReport(deps.settings()), secrets),
    ledger: await readLedgerHealthInWorker(deps.databaseFile, { nativeBinding: deps.nativeBinding, workerFile: deps.ledgerHealthWorkerFile }),
    secrets,
  };
}

export function supportMethods(deps: SupportDeps): MethodGroup<'exportDiagnostics'> {
  return defineMethods({
    // Owner-only: issue 13's owner lock applies to it as to the other owner actions.
    exportDiagnostics: async () => {
      const filename = diagnosticsFileName(deps.now());
      if (deps.host.chooseSavePath) {
        const path = await deps.host.chooseSavePath(filename, 'diagnostics');
        if (!path) return ok({ path: null, downloadUrl: null });
        try {
          await writeDiagnosticsFile(await collect(deps), path);
          return ok({ path, downloadUrl: null });
        } catch (error) {
          return fail('internal', `The diagnostics could not be written (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). No file was changed; try another folder.`);
        }
      }
      const downloadUrl = deps.downloads.offer({
        filename,
        contentType: 'application/zip',
        write: async (out) => writeDiagnostics(await collect(deps), out, false),
      });
      return ok({ path: null, downloadUrl });
    },
  });
}
