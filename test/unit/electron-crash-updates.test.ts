// The shell's share of issue 16 with the Electron double: an uncaught error in the main process is
// logged and the register shows "Something went wrong; your sales are safe" with Restart (relaunch,
// and a quit that still closes the core) instead of a silent exit; the log is the host's, shared with
// the core; the updater starts once the core runs and decides at quit, before the core closes.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POS_METHOD_NAMES } from '../../shared/api';
import { ok } from '../../shared/result';
import type { PosHandlers } from '../../electron/pos/dispatch';
import { createAppLogger } from '../../electron/pos/logs/logger';
import { parseRecord } from '../../electron/pos/logs/record';
import { CRASH_MESSAGE, type CrashSignals } from '../../electron/shell/crash';
import { runMain, type MainCore, type MainCoreOptions } from '../../electron/shell/lifecycle';
import type { TillUpdates } from '../../electron/shell/updates';
import { createMainDouble } from '../helpers/electron-double';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  dir.remove();
});

function start() {
  const double = createMainDouble({ appPath: '/repo', isPackaged: true, userData: dir.path });
  const order: string[] = [];
  const core = {
    handlers: Object.fromEntries(POS_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PosHandlers,
    on: () => () => undefined,
    openSales: vi.fn(() => 2),
    close: vi.fn(async () => void order.push('core closed')),
  } satisfies MainCore;
  const updates: TillUpdates = {
    check: async () => ({ kind: 'inactive' }),
    downloaded: () => '0.2.0',
    beforeQuit: vi.fn(() => void order.push('updates decided')),
    stop: vi.fn(),
  };
  const signals = new EventEmitter();
  const startCore = vi.fn(async (_options: MainCoreOptions) => core);
  const startUpdates = vi.fn((_till: { openSales: () => number }) => updates);
  const run = runMain(double.electron, {
    startCore,
    platform: 'linux',
    shutdownTimeoutMs: 200,
    openLogger: (dataDir) => createAppLogger({ dataDir }),
    crashSignals: signals as unknown as CrashSignals,
    startUpdates,
  });
  const records = () =>
    readFileSync(join(dir.path, 'logs', 'counter.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => parseRecord(line));
  return { ...double, core, updates, signals, startCore, startUpdates, run, order, records };
}

describe('an error nobody caught in the main process', () => {
  it('is logged, and the register shows the calm message with Restart', async () => {
    const till = start();
    await till.run.started;
    till.signals.emit('uncaughtException', new Error('something broke in a listener'));
    expect(till.records()).toContainEqual(expect.objectContaining({ level: 'error', area: 'crash', message: expect.stringMatching(/^uncaught exception: something broke in a listener\n/) }));
    expect(till.calls.messageBoxes).toEqual([{ window: till.windows[0], options: expect.objectContaining({ message: CRASH_MESSAGE, buttons: ['Restart'] }) }]);
    expect(till.calls.exits).toEqual([]);
  });

  it('restarts on Restart: relaunch, then a quit that closes the core first', async () => {
    const till = start();
    await till.run.started;
    till.signals.emit('unhandledRejection', new Error('a promise nobody awaited'));
    await expect.poll(() => till.calls.relaunches).toBe(1);
    await expect.poll(() => till.core.close.mock.calls.length).toBe(1);
    expect(till.calls.quit).toBeGreaterThanOrEqual(1);
    // The updater is told this quit is a restart after an error: it installs nothing now.
    expect(till.updates.beforeQuit).toHaveBeenCalledWith({ restarting: true });
    expect(till.records()).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringMatching(/^unhandled rejection: a promise nobody awaited/) }));
  });

  it('shows one message at a time; a second error meanwhile is only logged', async () => {
    const till = start();
    await till.run.started;
    till.signals.emit('uncaughtException', new Error('first'));
    till.signals.emit('uncaughtException', 'second, not even an Error');
    expect(till.calls.messageBoxes).toHaveLength(1);
    expect(till.records().filter((record) => record?.area === 'crash').map((record) => record?.message.split('\n')[0])).toEqual(['uncaught exception: first', 'uncaught exception: second, not even an Error']);
  });
});

describe('the log and the updater in the desktop app', () => {
  it('hands the core the host log, so both write to <userData>/logs', async () => {
    const till = start();
    await till.run.started;
    const given = till.startCore.mock.calls[0]![0];
    expect(given.logger).toBeDefined();
    given.logger?.log('backup: saved /somewhere');
    expect(till.records()).toContainEqual(expect.objectContaining({ area: 'backup', message: 'saved /somewhere' }));
  });

  it('starts the updater once the core runs, asking the core how many sales are open', async () => {
    const till = start();
    await till.run.started;
    expect(till.startUpdates).toHaveBeenCalledOnce();
    expect(till.startUpdates.mock.calls[0]![0].openSales()).toBe(2);
  });

  it('lets the updater decide at quit, before the core closes', async () => {
    const till = start();
    await till.run.started;
    till.app.quit();
    await expect.poll(() => till.order).toEqual(['updates decided', 'core closed']);
    expect(till.updates.beforeQuit).toHaveBeenCalledWith({ restarting: false });
    expect(till.updates.stop).toHaveBeenCalled();
  });
});
