// electron-updater wired to the till: a check at start and once a day, the download in the
// background, the install as the app quits, decided by update-decision.ts. The updater arrives as a
// parameter (main.ts: electron-updater's autoUpdater), so tests drive a real one against a loopback feed.
import type { AppUpdater } from 'electron-updater';
import type { LogLine } from '../pos/logs/record';
import { describeVerdict, installOnQuit, judgeCheck, UPDATE_CHECK_INTERVAL_MS, type CheckVerdict, type UpdateFeed } from './update-decision';

export type TillUpdater = Pick<AppUpdater, 'checkForUpdates' | 'setFeedURL' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'>;

export interface UpdatesOptions {
  /** Asked for only when updates are on (main.ts: electron-updater's autoUpdater, made on first use). */
  updater: () => TillUpdater;
  feed: UpdateFeed;
  currentVersion: string;
  log: LogLine;
  /** Sales being created or waiting for payment (the core's openSales). */
  openSales: () => number;
  intervalMs?: number;
}

export interface TillUpdates {
  /** One check now; the verdict is logged too. */
  check(): Promise<CheckVerdict>;
  /** The version downloaded and waiting for a quit, if any. */
  downloaded(): string | null;
  /** Called as the app starts to quit, before the core closes: installs on this quit or defers. */
  beforeQuit(quit?: { restarting?: boolean }): void;
  stop(): void;
}

const INACTIVE: TillUpdates = {
  check: async () => ({ kind: 'inactive' }),
  downloaded: () => null,
  beforeQuit: () => undefined,
  stop: () => undefined,
};

export function startUpdates(options: UpdatesOptions): TillUpdates {
  const { feed, log } = options;
  if (feed.kind === 'off') {
    log(`update: off (${feed.reason})`);
    return INACTIVE;
  }
  const updater = options.updater();
  updater.logger = { info: () => undefined, warn: (message) => log(`update: ${String(message)}`, 'warn'), error: (message) => log(`update: ${String(message)}`, 'error') };
  updater.autoDownload = true;
  // True while downloading, so electron-updater arms its quit handler; beforeQuit() decides at quit.
  updater.autoInstallOnAppQuit = true;
  if (feed.kind === 'generic') updater.setFeedURL({ provider: 'generic', url: feed.url });
  let downloaded: string | null = null;
  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    log(`update: ${info.version} downloaded; it is installed when the app quits with no sale open`);
  });

  let checking: Promise<CheckVerdict> | null = null;
  const check = (): Promise<CheckVerdict> => {
    // The daily timer and a start-up check can meet: one check, one verdict, one log line.
    checking ??= checkOnce().finally(() => {
      checking = null;
    });
    return checking;
  };
  const checkOnce = async (): Promise<CheckVerdict> => {
    const verdict = judgeCheck(
      await updater.checkForUpdates().then(
        (result) => {
          // A failed download is logged, never left as an unhandled rejection (that is the crash screen).
          result?.downloadPromise?.catch((error: unknown) => log(`update: the download failed: ${error instanceof Error ? error.message : String(error)}`, 'warn'));
          return { ok: true as const, result };
        },
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    const line = describeVerdict(verdict, options.currentVersion);
    if (line) log(line, verdict.kind === 'feed-broken' ? 'warn' : 'info');
    return verdict;
  };

  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref();

  return {
    check,
    downloaded: () => downloaded,
    beforeQuit(quit = {}) {
      let openSales: number | null;
      try {
        openSales = options.openSales();
      } catch {
        openSales = null;
      }
      const decision = installOnQuit({ downloaded, openSales, restarting: quit.restarting === true });
      updater.autoInstallOnAppQuit = decision.install;
      if (decision.line) log(decision.line, decision.install ? 'info' : 'warn');
    },
    stop: () => clearInterval(timer),
  };
}
