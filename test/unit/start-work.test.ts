// The start's work after the first screen when its first expiry sweep fails (a full disk, the ledger
// busy): it says so, and chain recovery, the timer's sweeps and the backups still start.
import { describe, expect, it } from 'vitest';
import { runStartWork } from '../../electron/pos/start-work';

describe('the work after the first screen', () => {
  it('goes on to recovery and the backups when the first sweep fails', async () => {
    const lines: string[] = [];
    const calls: string[] = [];
    let sweeps = 0;
    const work = runStartWork({
      options: { after: Promise.resolve(), backupDelayMs: 0 },
      expireAllDue: async () => {
        sweeps++;
        throw new Error('database or disk is full');
      },
      afterSweep: (expired) => calls.push(`recovery after ${expired} expired`),
      backups: () => {
        calls.push('backups scheduled');
        return { first: Promise.resolve(null), stop: async () => undefined };
      },
      log: (line) => lines.push(line),
    });
    const report = await work.done;
    expect(sweeps).toBe(1);
    expect(calls).toEqual(['recovery after 0 expired', 'backups scheduled']);
    expect(lines.some((line) => line.includes('the first expiry sweep failed: database or disk is full'))).toBe(true);
    expect(report).toMatchObject({ expired: 0, completed: true });
    await work.stop();
  });
});
