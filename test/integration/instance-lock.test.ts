// One app per data folder, held by the kernel (an exclusive SQLite lock on <data>/instance.lock):
// a leftover file never blocks, a killed holder frees the folder at once, and of ten simultaneous
// starts exactly one serves.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/pos/store/backup';
import { acquireInstanceLock, AlreadyRunningError, LEGACY_PID_FILE } from '../../electron/pos/store/instance-lock';
import { SERVE_SCRIPT, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { tempDir } from '../helpers/temp';

const RESTORE_SCRIPT = join(process.cwd(), 'dist', 'restore.js');

let dir: ReturnType<typeof tempDir>;
let mode: BrowserMode | null = null;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await mode?.stop('SIGKILL');
  mode = null;
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  dir.remove();
});

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the instance lock', () => {
  it('refuses a second start in the same process and frees the folder on release', () => {
    const release = acquireInstanceLock(dir.path);
    expect(() => acquireInstanceLock(dir.path)).toThrow(AlreadyRunningError);
    expect(() => acquireInstanceLock(dir.path)).toThrow(/already running/);
    release();
    acquireInstanceLock(dir.path)();
  });

  it('is not blocked by a pid file of the old scheme naming a live process (pid 1, this test, another)', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    children.push(other);
    for (const pid of [1, process.pid, other.pid as number]) {
      writeFileSync(join(dir.path, LEGACY_PID_FILE), String(pid));
      const release = acquireInstanceLock(dir.path);
      // The leftover is cleared once the lock is ours.
      expect(existsSync(join(dir.path, LEGACY_PID_FILE))).toBe(false);
      release();
    }
  });

  it('holds against other processes while the app runs, and the kernel frees it when the app is killed', async () => {
    mode = await startBrowserMode(['--data', dir.path]);
    expect(() => acquireInstanceLock(dir.path)).toThrow(/already running/);
    // A real backup (the one taken at start) is refused too while the app holds the folder.
    await until(() => listBackups(dir.path).length > 0, 10_000, 'the backup taken at start');
    const restore = spawnSync(process.execPath, [RESTORE_SCRIPT, '--data', dir.path, '--from', listBackups(dir.path)[0]?.file as string], { encoding: 'utf8' });
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/already running.*Nothing was changed/);

    // SIGKILL leaves the lock file behind; only the lock itself goes, with the process.
    expect(await mode.stop('SIGKILL')).toBeNull();
    mode = null;
    const release = acquireInstanceLock(dir.path);
    release();
  });

  it('lets exactly one of 10 simultaneous starts on one folder serve; the others exit saying "already running"', async () => {
    const outputs: string[] = [];
    const exits: (number | null | undefined)[] = [];
    for (let i = 0; i < 10; i++) {
      const child = spawn(process.execPath, [SERVE_SCRIPT, '--port', '0', '--data', dir.path], { env: { ...process.env, MITILENA_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      outputs.push('');
      exits.push(undefined);
      child.stdout?.on('data', (chunk: Buffer) => (outputs[i] += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (outputs[i] += chunk.toString()));
      child.once('exit', (code) => (exits[i] = code));
    }
    const serving = (): number[] => outputs.flatMap((output, i) => (/^Cashier UI: /m.test(output) ? [i] : []));
    await until(() => exits.filter((code) => code !== undefined).length >= 9 && serving().length >= 1, 90_000, '9 exits and one Cashier UI line');

    expect(serving()).toHaveLength(1);
    const winner = serving()[0] as number;
    expect(exits[winner]).toBeUndefined();
    for (let i = 0; i < 10; i++) {
      if (i === winner) continue;
      expect(exits[i], outputs[i]).not.toBe(0);
      expect(outputs[i]).toMatch(/already running/);
      expect(outputs[i]).not.toMatch(/Cashier UI/);
    }
    const url = /^Cashier UI: (http:\/\/127\.0\.0\.1:\d+\/)#token=([0-9a-f]+)$/m.exec(outputs[winner] as string);
    const page = await fetch(url?.[1] as string);
    expect(page.status).toBe(200);
    const status = await fetch(`${url?.[1]}api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${url?.[2]}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);
  }, 120_000);
});
