// The core's PosApi events: whether anyone listens decides whether a costly payload (the status) is made.
import { describe, expect, it } from 'vitest';
import { PosEvents } from '../../electron/pos/events';

describe('PosApi events', () => {
  it('knows whether anyone listens, until the last one unsubscribes', () => {
    const events = new PosEvents();
    expect(events.listens('status-changed')).toBe(false);
    const first = events.on('status-changed', () => {});
    const second = events.on('status-changed', () => {});
    expect(events.listens('status-changed')).toBe(true);
    expect(events.listens('sale-updated')).toBe(false);
    first();
    expect(events.listens('status-changed')).toBe(true);
    second();
    expect(events.listens('status-changed')).toBe(false);
  });
});
