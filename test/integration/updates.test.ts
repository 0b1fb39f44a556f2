// The update decisions with a real electron-updater against a loopback feed (latest*.yml served by a
// test server, as electron-builder lays out a generic feed): a newer version is found and downloaded,
// the same version is left alone, a broken feed is logged and nothing else happens, and a downloaded
// update is installed at quit only when no sale is open. No test ever contacts a real feed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installOnQuit, judgeCheck, updateFeed, UPDATE_FEED_ENV } from '../../electron/shell/update-decision';
import { startUpdates, type TillUpdates } from '../../electron/shell/updates';
import { startUpdateFeed, testUpdater, installerName, type UpdateFeed } from '../helpers/update-feed';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let feed: UpdateFeed;
let updates: TillUpdates | null = null;
let lines: [string, string | undefined][];
let openSales: number;

beforeEach(async () => {
  dir = tempDir();
  feed = await startUpdateFeed();
  lines = [];
  openSales = 0;
});
afterEach(async () => {
  updates?.stop();
  updates = null;
  await feed.close();
  dir.remove();
});

function start(): { quit(): void; installs: unknown[] } {
  const { updater, quit } = testUpdater(dir.path, feed.url);
  updates = startUpdates({
    updater: () => updater,
    feed: { kind: 'built-in' },
    currentVersion: '0.1.0',
    log: (line, level) => lines.push([line, level]),
    openSales: () => openSales,
    intervalMs: 3_600_000,
  });
  return { quit, installs: updater.installs };
}

async function downloaded(): Promise<void> {
  await expect.poll(() => updates?.downloaded(), { timeout: 10_000 }).toBe('0.2.0');
}

describe('checking the feed', () => {
  it('finds a newer version and downloads it in the background', async () => {
    start();
    expect(await updates?.check()).toEqual({ kind: 'newer', version: '0.2.0' });
    await downloaded();
    expect(feed.requests).toContain(`/${installerName('0.2.0')}`);
    expect(lines).toContainEqual(['update: 0.2.0 found (this is 0.1.0); downloading in the background', 'info']);
    expect(lines).toContainEqual(['update: 0.2.0 downloaded; it is installed when the app quits with no sale open', undefined]);
  });

  it('leaves the same version alone: nothing downloaded, nothing to install', async () => {
    feed.answer = { kind: 'release', version: '0.1.0' };
    const app = start();
    expect(await updates?.check()).toEqual({ kind: 'current', latest: '0.1.0' });
    expect(feed.requests.every((path) => path.endsWith('.yml'))).toBe(true);
    updates?.beforeQuit();
    app.quit();
    expect(app.installs).toEqual([]);
    expect(updates?.downloaded()).toBeNull();
  });

  it.each([
    ['answers 500', { kind: 'status', status: 500 } as const],
    ['has no latest*.yml', { kind: 'status', status: 404 } as const],
    ['serves something that is not a release', { kind: 'garbage' } as const],
  ])('logs a broken feed that %s, and carries on', async (_what, answer) => {
    feed.answer = answer;
    start();
    const verdict = await updates?.check();
    expect(verdict).toMatchObject({ kind: 'feed-broken', message: expect.any(String) });
    expect(lines.some(([line, level]) => line.startsWith('update: the update feed could not be read: ') && level === 'warn')).toBe(true);
    expect(updates?.downloaded()).toBeNull();
  });

  it('logs a feed that is not there at all', async () => {
    await feed.close();
    start();
    expect(await updates?.check()).toMatchObject({ kind: 'feed-broken' });
  });

  it('never asks the feed when updates are off', async () => {
    const { updater } = testUpdater(dir.path, feed.url);
    updates = startUpdates({ updater: () => updater, feed: { kind: 'off', reason: 'not an installed app' }, currentVersion: '0.1.0', log: (line, level) => lines.push([line, level]), openSales: () => 0 });
    expect(await updates.check()).toEqual({ kind: 'inactive' });
    expect(feed.requests).toEqual([]);
    expect(lines).toEqual([['update: off (not an installed app)', undefined]]);
  });
});

describe('installing at quit', () => {
  it('defers the install while a sale is open, and installs at a later quit with none', async () => {
    const app = start();
    await downloaded();
    openSales = 1;
    updates?.beforeQuit();
    app.quit();
    expect(app.installs).toEqual([]);
    expect(lines).toContainEqual(['update: 0.2.0 not installed: 1 sale(s) still open; it is installed at a later quit', 'warn']);

    openSales = 0;
    updates?.beforeQuit();
    app.quit();
    expect(app.installs).toEqual([expect.objectContaining({ isSilent: true, isForceRunAfter: false })]);
    expect(lines).toContainEqual(['update: installing 0.2.0 as the app quits', 'info']);
  });

  it('defers when the core cannot say how many sales are open', async () => {
    const { updater, quit } = testUpdater(dir.path, feed.url);
    updates = startUpdates({ updater: () => updater, feed: { kind: 'built-in' }, currentVersion: '0.1.0', log: (line, level) => lines.push([line, level]), openSales: () => { throw new Error('the ledger is closed'); } });
    await downloaded();
    updates.beforeQuit();
    quit();
    expect(updater.installs).toEqual([]);
  });
});

describe('the decisions on their own', () => {
  it('runs only in an installed app, from its built-in feed or one given by the environment', () => {
    expect(updateFeed({ isPackaged: false, env: {} })).toEqual({ kind: 'off', reason: 'not an installed app' });
    expect(updateFeed({ isPackaged: false, env: { [UPDATE_FEED_ENV]: 'https://updates.example/counter' } })).toMatchObject({ kind: 'off' });
    expect(updateFeed({ isPackaged: true, env: {} })).toEqual({ kind: 'built-in' });
    expect(updateFeed({ isPackaged: true, env: { [UPDATE_FEED_ENV]: 'https://staging.example/counter/linux/x64' } })).toEqual({ kind: 'generic', url: 'https://staging.example/counter/linux/x64' });
    expect(updateFeed({ isPackaged: true, env: { [UPDATE_FEED_ENV]: 'http://127.0.0.1:8080/feed' } })).toMatchObject({ kind: 'generic' });
    expect(updateFeed({ isPackaged: true, env: { [UPDATE_FEED_ENV]: 'http://updates.example/feed' } })).toEqual({ kind: 'off', reason: `${UPDATE_FEED_ENV} is not an https URL` });
    expect(updateFeed({ isPackaged: true, env: { [UPDATE_FEED_ENV]: 'off' } })).toEqual({ kind: 'off', reason: `${UPDATE_FEED_ENV}=off` });
  });

  it('reads a check result, and installs only with a download and no open sale', () => {
    expect(judgeCheck({ ok: true, result: null })).toEqual({ kind: 'inactive' });
    expect(judgeCheck({ ok: false, error: new Error('HttpError: 500\n<html>…') })).toEqual({ kind: 'feed-broken', message: 'HttpError: 500' });
    expect(installOnQuit({ downloaded: null, openSales: 0 })).toEqual({ install: false, line: null });
    expect(installOnQuit({ downloaded: '0.2.0', openSales: 2 })).toMatchObject({ install: false });
    expect(installOnQuit({ downloaded: '0.2.0', openSales: null })).toMatchObject({ install: false });
    expect(installOnQuit({ downloaded: '0.2.0', openSales: 0 })).toMatchObject({ install: true });
    expect(installOnQuit({ downloaded: '0.2.0', openSales: 0, restarting: true })).toMatchObject({ install: false });
  });
});
