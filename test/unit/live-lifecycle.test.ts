// The desktop shell hands the core its secret store: opened after `ready` (safeStorage requires it)
// for the userData folder; a failure to open it is shown to the owner, and the core is not started.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POS_METHOD_NAMES } from '../../shared/api';
import { ok } from '../../shared/result';
import type { PosHandlers } from '../../electron/pos/dispatch';
import { runMain, type MainCore, type MainCoreOptions } from '../../electron/shell/lifecycle';
import type { SecretStore } from '../../electron/pos/settings/secrets';
import { createMainDouble } from '../helpers/electron-double';
import { memorySecrets } from '../helpers/secrets';

const APP_PATH = '/repo';
const NATIVE = path.join(APP_PATH, '.electron-native', 'better_sqlite3.node');

function core(): MainCore {
  return {
    handlers: Object.fromEntries(POS_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PosHandlers,
    on: () => () => undefined,
    openSales: () => 0,
    close: async () => undefined,
  };
}

function start(openSecrets: (dir: string) => Promise<SecretStore>) {
  const double = createMainDouble({ appPath: APP_PATH, userData: '/home/shop/.config/Mitilena Counter' });
  const startCore = vi.fn(async (_options: MainCoreOptions) => core());
  const opened = vi.fn(openSecrets);
  const run = runMain(double.electron, { startCore, openSecrets: opened, platform: 'linux', fileExists: (file) => file === NATIVE, shutdownTimeoutMs: 200 });
  return { ...double, startCore, opened, run };
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('secrets in the desktop shell', () => {
  it('opens the secret store for the userData folder and gives it to the core', async () => {
    const store = memorySecrets({}, { kind: 'plain-text', warning: 'no keyring' });
    const till = start(async () => store);
    await till.run.started;
    expect(till.opened).toHaveBeenCalledWith('/home/shop/.config/Mitilena Counter');
    expect(till.startCore).toHaveBeenCalledOnce();
    expect(till.startCore.mock.calls[0]?.[0]).toMatchObject({ dataDir: '/home/shop/.config/Mitilena Counter', secrets: store, nativeBinding: NATIVE });
  });

  it('shows why and does not start the core when the secret store cannot be opened', async () => {
    const till = start(async () => {
      throw new Error('The secrets file /x/secrets.json has an unexpected shape; delete it and enter the secrets again.');
    });
    await till.run.started;
    expect(till.startCore).not.toHaveBeenCalled();
    expect(till.calls.errorBoxes).toEqual([{ title: 'Mitilena Counter could not start', content: expect.stringMatching(/unexpected shape/) }]);
  });
});
