// The diagnostics zip for support: the logs (each line checked again for every secret the caller
// knows), the tunnel and reachability history read out of them, the settings without secrets, the
// versions and the ledger's health. Written to a .partial file and renamed, or streamed to a download.
import { createWriteStream } from 'node:fs';
import { readFile, rename, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { redactSecrets } from '../net/redact';
import { isConnectivityRecord } from '../logs/connectivity';
import { listLogFiles } from '../logs/log-file';
import { parseRecord } from '../logs/record';
import type { LedgerHealthReport } from './ledger-health-run';

export interface DiagnosticsContent {
  createdAt: Date;
  /** The app's, Node's, Electron's (when there), the OS's. */
  versions: Record<string, string>;
  dataDir: string;
  logsDir: string;
  /** The settings with each secret reduced to whether it is set (settings-report.ts); null when unknown. */
  settings: unknown;
  ledger: LedgerHealthReport;
  /** Every secret the caller knows: no line of the logs leaves with one. */
  secrets: readonly (string | null | undefined)[];
}

/** Lines redacted between two yields to the event loop (the app's webhook listener shares it). */
const LINES_PER_SLICE = 500;

const README = `Mitilena Counter diagnostics, for support.

manifest.json       when and where this was made, and the versions
settings.json       the settings; each secret only as "set" true or false, never its value or any part of it
ledger.json         the sales ledger's SQLite integrity_check, schema version, sales per status, file sizes
connectivity.jsonl  the tunnel and reachability history, from the logs
logs/               the log files, one JSON record a line: time, level, area, message, saleId

No API key, ngrok authtoken, explorer key, sandbox key or webhook token is in here.
`;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One log file with every line checked again for the secrets, and the connectivity records in it. */
async function readLog(file: string, secrets: readonly (string | null | undefined)[]): Promise<{ text: string; connectivity: string[] }> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const connectivity: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = redactSecrets(lines[index] as string, secrets);
    lines[index] = line;
    const record = parseRecord(line);
    if (record && isConnectivityRecord(record)) connectivity.push(line);
    if (index % LINES_PER_SLICE === LINES_PER_SLICE - 1) await yieldToEventLoop();
  }
  return { text: lines.join('\n'), connectivity };
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

/** Builds the archive; resolves with its entries' names once everything is added. */
async function fillZip(zip: ZipFile, content: DiagnosticsContent): Promise<string[]> {
  const names: string[] = [];
  const add = (name: string, data: Buffer): void => {
    zip.addBuffer(data, name, { mtime: content.createdAt, mode: 0o600 });
    names.push(name);
  };
  const logFiles = listLogFiles(content.logsDir);
  add('README.txt', Buffer.from(README));
  add('manifest.json', json({ createdAt: content.createdAt.toISOString(), dataFolder: content.dataDir, versions: content.versions, logFiles: logFiles.map((file) => basename(file)) }));
  add('settings.json', json(content.settings));
  add('ledger.json', json(content.ledger));
  const connectivity: string[] = [];
  for (const file of logFiles) {
    const log = await readLog(file, content.secrets).catch((error: unknown) => ({ text: `(could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'})\n`, connectivity: [] }));
    add(`logs/${basename(file)}`, Buffer.from(log.text));
    connectivity.push(...log.connectivity);
  }
  add('connectivity.jsonl', Buffer.from(connectivity.map((line) => `${line}\n`).join('')));
  return names;
}

/** Streams the zip into `out` (ended unless `end` is false); resolves with the number of entries. */
export async function writeDiagnostics(content: DiagnosticsContent, out: Writable, end = true): Promise<number> {
  const zip = new ZipFile();
  const writing = pipeline(zip.outputStream, out, { end });
  try {
    const names = await fillZip(zip, content);
    zip.end();
    await writing;
    return names.length;
  } catch (error) {
    (zip.outputStream as Readable).destroy(error as Error);
    await writing.catch(() => undefined);
    throw error;
  }
}

/** Writes the zip beside `path` and renames it there at the end: never a half-written file under the name. */
export async function writeDiagnosticsFile(content: DiagnosticsContent, path: string): Promise<number> {
  const partial = `${path}.partial`;
  try {
    const entries = await writeDiagnostics(content, createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, path);
    return entries;
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}

/** mitilena-diagnostics-20250102-0304.zip (UTC). */
export function diagnosticsFileName(at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `mitilena-diagnostics-${stamp}.zip`;
}
