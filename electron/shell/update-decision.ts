// What the updater decides, apart from Electron and electron-updater so it reads (and is tested) on
// its own: whether updates run at all and from which feed, what a check found, and whether a
// downloaded update may be installed as the app quits. Never while a customer may be paying.

/** A packaged app checks at start and then once a day. */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Another generic feed for one installed app (a test server, a staging channel), or "off". */
export const UPDATE_FEED_ENV = 'MITILENA_UPDATE_FEED';

export type UpdateFeed =
  | { kind: 'off'; reason: string }
  /** app-update.yml, written into the package by electron-builder from electron-builder.yml's `publish`. */
  | { kind: 'built-in' }
  | { kind: 'generic'; url: string };

function isFeedUrl(text: string): boolean {
  try {
    const url = new URL(text);
    // http only on this machine: a feed elsewhere must be https, or anyone between could serve an "update".
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

export function updateFeed(input: { isPackaged: boolean; env: Readonly<Record<string, string | undefined>> }): UpdateFeed {
  const given = input.env[UPDATE_FEED_ENV]?.trim();
  if (given === 'off') return { kind: 'off', reason: `${UPDATE_FEED_ENV}=off` };
  // A development run has no installer to replace (and no app-update.yml): nothing to update.
  if (!input.isPackaged) return { kind: 'off', reason: 'not an installed app' };
  if (!given) return { kind: 'built-in' };
  if (!isFeedUrl(given)) return { kind: 'off', reason: `${UPDATE_FEED_ENV} is not an https URL` };
  return { kind: 'generic', url: given };
}

/** What electron-updater's checkForUpdates() gave: its result, or the error it threw. */
export type CheckOutcome =
  | { ok: true; result: { isUpdateAvailable?: boolean; updateInfo: { version: string } } | null }
  | { ok: false; error: unknown };

export type CheckVerdict =
  | { kind: 'newer'; version: string }
  | { kind: 'current'; latest: string }
  | { kind: 'feed-broken'; message: string }
  | { kind: 'inactive' };

/** A feed's error text can be a whole HTML page or a stack: its first line, bounded. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line || 'no reason given';
}

export function judgeCheck(outcome: CheckOutcome): CheckVerdict {
  if (!outcome.ok) return { kind: 'feed-broken', message: firstLine(outcome.error) };
  if (outcome.result === null) return { kind: 'inactive' };
  const { isUpdateAvailable, updateInfo } = outcome.result;
  return isUpdateAvailable ? { kind: 'newer', version: updateInfo.version } : { kind: 'current', latest: updateInfo.version };
}

/** The log line for a verdict; null when there is nothing to say. */
export function describeVerdict(verdict: CheckVerdict, currentVersion: string): string | null {
  switch (verdict.kind) {
    case 'newer':
      return `update: ${verdict.version} found (this is ${currentVersion}); downloading in the background`;
    case 'current':
      return `update: ${currentVersion} is up to date (the feed offers ${verdict.latest})`;
    case 'feed-broken':
      return `update: the update feed could not be read: ${verdict.message}`;
    case 'inactive':
      return null;
  }
}

export interface InstallDecision {
  install: boolean;
  line: string | null;
}

/**
 * At quit: a downloaded update is installed only when no sale is being created or waiting for its
 * payment (a count that could not be had counts as one: when in doubt, wait). A deferred update
 * stays downloaded and is installed at a later quit.
 */
export function installOnQuit(state: { downloaded: string | null; openSales: number | null; restarting?: boolean }): InstallDecision {
  if (state.downloaded === null) return { install: false, line: null };
  // The restart after an error brings the till straight back; an installer run then would hold it up.
  if (state.restarting) return { install: false, line: `update: ${state.downloaded} not installed during a restart after an error; it is installed at a later quit` };
  if (state.openSales === null) return { install: false, line: `update: ${state.downloaded} not installed: could not tell whether a sale is open; it is installed at a later quit` };
  if (state.openSales > 0) {
    return { install: false, line: `update: ${state.downloaded} not installed: ${state.openSales} sale(s) still open; it is installed at a later quit` };
  }
  return { install: true, line: `update: installing ${state.downloaded} as the app quits` };
}
