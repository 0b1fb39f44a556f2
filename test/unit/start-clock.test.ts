// The start's step timings: each step is the time since the one before, in the order they ran.
import { describe, expect, it } from 'vitest';
import { StartClock } from '../../electron/pos/start-clock';

describe('start clock', () => {
  it('times each step from the previous mark and says them in one line', () => {
    const readings = [100, 112.5, 112.9, 640];
    const clock = new StartClock(() => readings.shift() as number);
    clock.mark('ledger');
    clock.mark('settings');
    clock.mark('expiry sweep');
    expect(clock.list()).toEqual([
      { name: 'ledger', ms: 12.5 },
      { name: 'settings', ms: expect.closeTo(0.4, 5) },
      { name: 'expiry sweep', ms: expect.closeTo(527.1, 5) },
    ]);
    expect(clock.line('start: core started')).toBe('start: core started in 540 ms: ledger 13 ms, settings 0.4 ms, expiry sweep 527 ms');
  });
});
