// The app's structured log: every part keeps calling log("area: message"); the logger removes every
// secret it knows of, turns the line into one JSON record and appends it to <data>/logs/. The host
// still sees the line (browser mode prints it on stderr, Electron on its console), redacted too.
// Logging never throws: a full disk or a removed folder costs the log, not the sale.
import { join } from 'node:path';
import { redactSecrets } from '../net/redact';
import { DEFAULT_LOG_LIMITS, LOGS_DIR, RotatingLogFile, type LogLimits } from './log-file';
import { toRecord, type LogLevel, type LogLine } from './record';

export type SecretSource = () => readonly (string | null | undefined)[];

export interface AppLogger {
  /** Logs one "area: message" line; the level is derived from its wording when not given. */
  readonly log: LogLine;
  /** Adds secrets to keep out of every line from now on; returns the removal. */
  addSecrets(source: SecretSource): () => void;
  close(): void;
}

export interface AppLoggerOptions {
  dataDir: string;
  now?: () => Date;
  /** Also hands each (redacted) line to the host, as before the log files existed. */
  echo?: (line: string, level: LogLevel) => void;
  limits?: LogLimits;
  /** Where a failure to write the log is said once (default stderr). */
  onWriteFailure?: (message: string) => void;
}

export function logsDirOf(dataDir: string): string {
  return join(dataDir, LOGS_DIR);
}

export function createAppLogger(options: AppLoggerOptions): AppLogger {
  const now = options.now ?? (() => new Date());
  const file = new RotatingLogFile(logsDirOf(options.dataDir), now, options.limits ?? DEFAULT_LOG_LIMITS);
  const sources = new Set<SecretSource>();
  let failed = false;
  let closed = false;

  const secrets = (): (string | null | undefined)[] => {
    const known: (string | null | undefined)[] = [];
    for (const source of sources) {
      try {
        known.push(...source());
      } catch {
        // A source that cannot answer (its part closed) adds nothing.
      }
    }
    return known;
  };

  const log: LogLine = (line, level) => {
    const text = redactSecrets(String(line), secrets());
    const record = toRecord(text, now(), level);
    options.echo?.(text, record.level);
    if (closed) return;
    try {
      file.write(`${JSON.stringify(record)}\n`);
    } catch (error) {
      if (failed) return;
      failed = true;
      const say = options.onWriteFailure ?? ((message: string) => console.error(message));
      say(`log: could not write to ${logsDirOf(options.dataDir)} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); logging goes on only to the console`);
    }
  };

  return {
    log,
    addSecrets(source) {
      sources.add(source);
      return () => sources.delete(source);
    },
    close() {
      closed = true;
      try {
        file.close();
      } catch {
        // Nothing left to lose.
      }
    },
  };
}
