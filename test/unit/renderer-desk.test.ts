import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_SETTINGS } from '../../shared/counter';
import type { SettingsView } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { actionsFor } from '../../renderer/desk/actions';
import { dayInstants, localDayOf, parseLocalDay, presetInstants } from '../../renderer/desk/ranges';
import { changedSettings, describeSecret, formFromView } from '../../renderer/desk/settings-form';
import { readHttpReply } from '../../renderer/bridge/reply';
import { reachabilityText, tunnelText } from '../../renderer/components/StatusBar';
import { sizedRows, visibleRows } from '../../renderer/components/windowing';
import { belongsOnTop } from '../../renderer/desk/history-live';
import { dayRange } from '../../renderer/today';

const local = (iso: string): Date => new Date(iso);
const parts = (iso: string): [number, number, number, number] => {
  const at = new Date(iso);
  return [at.getFullYear(), at.getMonth() + 1, at.getDate(), at.getHours()];
};

describe('date ranges of the history, in local time', () => {
  const now = new Date(2026, 10, 26, 15, 30); // Thursday 26 Nov 2026, 15:30 local

  it('today runs from local midnight to the next local midnight', () => {
    const range = presetInstants('today', now);
    expect(range && parts(range.from)).toEqual([2026, 11, 26, 0]);
    expect(range && parts(range.to)).toEqual([2026, 11, 27, 0]);
  });

  it('yesterday, this week (from Monday) and this month', () => {
    const yesterday = presetInstants('yesterday', now);
    expect(yesterday && [parts(yesterday.from), parts(yesterday.to)]).toEqual([[2026, 11, 25, 0], [2026, 11, 26, 0]]);
    const week = presetInstants('week', now);
    expect(week && [parts(week.from), parts(week.to)]).toEqual([[2026, 11, 23, 0], [2026, 11, 30, 0]]);
    const sunday = presetInstants('week', new Date(2026, 10, 29, 23, 0));
    expect(sunday && parts(sunday.from)).toEqual([2026, 11, 23, 0]);
    const month = presetInstants('month', now);
    expect(month && [parts(month.from), parts(month.to)]).toEqual([[2026, 11, 1, 0], [2026, 12, 1, 0]]);
    const december = presetInstants('month', new Date(2026, 11, 31, 12));
    expect(december && parts(december.to)).toEqual([2027, 1, 1, 0]);
  });

  it('custom covers both chosen days whole, and refuses a reversed or missing pair', () => {
    const range = presetInstants('custom', now, '2026-11-01', '2026-11-03');
    expect(range && [parts(range.from), parts(range.to)]).toEqual([[2026, 11, 1, 0], [2026, 11, 4, 0]]);
    expect(presetInstants('custom', now, '2026-11-05', '2026-11-03')).toBeNull();
    expect(presetInstants('custom', now, '', '2026-11-03')).toBeNull();
  });

  it('reads and writes the days a date input holds', () => {
    expect(localDayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(parseLocalDay('2026-02-30')).toBeNull();
    expect(parseLocalDay('26.11.2026')).toBeNull();
    const day = dayInstants('2026-11-26');
    expect(day && new Date(day.from).getDate()).toBe(26);
    expect(day && local(day.to).getDate()).toBe(27);
    // The instants are ISO strings the contract accepts.
    expect(day?.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('days that change the clocks (TZ=Europe/Prague: 29 Mar 2026 has 23 h, 25 Oct 2026 has 25 h)', () => {
  const originalTz = process.env.TZ;
  const HOUR_MS = 3_600_000;
  const hours = (range: { from: string; to: string } | null): number | null => (range ? (Date.parse(range.to) - Date.parse(range.from)) / HOUR_MS : null);

  beforeAll(() => {
    process.env.TZ = 'Europe/Prague';
    // Node applies TZ to every Date made from here on; the test means nothing unless it did.
    expect(new Date(2026, 2, 29, 12).getTimezoneOffset()).toBe(-120);
    expect(new Date(2026, 2, 28, 12).getTimezoneOffset()).toBe(-60);
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('runs a day from local midnight to local midnight, 23 or 25 hours long', () => {
    const spring = dayInstants('2026-03-29');
    expect(spring && [parts(spring.from), parts(spring.to)]).toEqual([[2026, 3, 29, 0], [2026, 3, 30, 0]]);
    expect(hours(spring)).toBe(23);
    expect(hours(dayInstants('2026-10-25'))).toBe(25);
    expect(hours(dayInstants('2026-10-26'))).toBe(24);
    expect(hours(presetInstants('today', new Date(2026, 2, 29, 15)))).toBe(23);
    expect(hours(presetInstants('yesterday', new Date(2026, 9, 26, 9)))).toBe(25);
    // The register's own day (today's sales) follows the same calendar.
    const register = dayRange(new Date(2026, 2, 29, 1, 30));
    expect([parts(register.from), hours(register)]).toEqual([[2026, 3, 29, 0], 23]);
  });

  it('runs a week across the change from Monday midnight to Monday midnight', () => {
    const week = presetInstants('week', new Date(2026, 2, 29, 23, 30)); // Sunday, after the change
    expect(week && [parts(week.from), parts(week.to)]).toEqual([[2026, 3, 23, 0], [2026, 3, 30, 0]]);
    expect(hours(week)).toBe(7 * 24 - 1);
    const month = presetInstants('month', new Date(2026, 9, 10));
    expect(hours(month)).toBe(31 * 24 + 1);
  });
});

const view: SettingsView = {
  currency: 'EUR',
  blockchain: 'tether-trc20',
  language: 'en',
  shopName: 'Shop',
  receiptFooter: 'Thanks',
  apiKey: { set: true, last4: '1a2b' },
  tunnelMode: 'off',
  ngrokAuthtoken: { set: false, last4: null },
  ngrokDomain: null,
  publicUrl: null,
  tronApi: null,
  etherscanApi: null,
  chainConfirm: true,
  publicTronGrid: true,
  chainNote: null,
  trongridApiKey: { set: false, last4: null },
  etherscanApiKey: { set: true, last4: '9z8y' },
  secretStorage: { kind: 'encrypted', warning: null },
  counter: DEFAULT_COUNTER_SETTINGS,
  access: { ownerPinSet: false, cashiers: [] },
  shopLedgerUrl: { set: false, last4: null },
  shopLedgerTarget: null,
  shopLedgerOwnerUrl: { set: false, last4: null },
  shopLedgerOwnerTarget: null,
  counterName: '',
  counterId: '0b6f3b8e-4a51-4a8e-9a51-2f8f7d7c1e01',
};

describe('the settings form', () => {
  it('sends nothing when nothing changed, and never an empty secret', () => {
    expect(changedSettings(view, formFromView(view))).toEqual({});
  });

  it('sends only the changed fields, with empty optional text as null', () => {
    const form = { ...formFromView(view), shopName: 'New', currency: 'jpy', tunnelMode: 'manual' as const, publicUrl: ' https://pos.example.com ', apiKey: 'sk-new' };
    expect(changedSettings(view, form)).toEqual({ shopName: 'New', currency: 'JPY', tunnelMode: 'manual', publicUrl: 'https://pos.example.com', apiKey: 'sk-new' });
    const cleared = formFromView({ ...view, ngrokDomain: 'a.ngrok-free.app' });
    expect(changedSettings({ ...view, ngrokDomain: 'a.ngrok-free.app' }, { ...cleared, ngrokDomain: '' })).toEqual({ ngrokDomain: null });
    // Block explorers: URLs as text (empty → null), the checkbox, the write-only keys.
    const explorers = { ...formFromView(view), tronApi: ' http://127.0.0.1:9/ ', chainConfirm: false, trongridApiKey: ' tron-key-123456 ', etherscanApiKey: '' };
    expect(changedSettings(view, explorers)).toEqual({ tronApi: 'http://127.0.0.1:9/', chainConfirm: false, trongridApiKey: 'tron-key-123456' });
    const withUrl = { ...view, etherscanApi: 'https://api.etherscan.io/v2/api' };
    expect(changedSettings(withUrl, { ...formFromView(withUrl), etherscanApi: '' })).toEqual({ etherscanApi: null });
  });

  it('describes a secret by whether it is set and its last four characters only', () => {
    expect(describeSecret(view.apiKey)).toBe('set, ends in 1a2b');
    expect(describeSecret(view.ngrokAuthtoken)).toBe('not set');
  });

  it("keeps the service's per-field messages from a browser-mode reply", () => {
    const error = { code: 'invalid-input', message: 'Check the marked fields', fields: { currency: 'not an ISO 4217 code', bad: 3 } };
    expect(readHttpReply('updateSettings', 400, { ok: false, error })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Check the marked fields', fields: { currency: 'not an ISO 4217 code' } },
    });
  });
});

describe('the status bar', () => {
  it('words the tunnel and the reachability check', () => {
    expect(tunnelText({ state: 'online', url: 'https://a.ngrok-free.app', message: null })).toBe('online https://a.ngrok-free.app');
    expect(tunnelText({ state: 'error', url: null, message: 'authtoken refused' })).toBe('error authtoken refused');
    expect(tunnelText({ state: 'off', url: null, message: null })).toBe('off');
    expect(reachabilityText({ state: 'reachable', message: null, checkedAt: null })).toBe('Webhook reachable');
    expect(reachabilityText({ state: 'unreachable', message: 'timed out', checkedAt: null })).toBe('Webhook not reachable: timed out');
  });
});

describe('owner actions offered per status', () => {
  const sale = (status: Sale['status']) => ({ status }) as Sale;
  it('offers what the transitions allow', () => {
    expect(actionsFor(sale('review'))).toEqual(['accept', 'reject', 'void']);
    expect(actionsFor(sale('pending'))).toEqual(['mark-paid', 'void']);
    expect(actionsFor(sale('expired'))).toEqual(['mark-paid', 'void']);
    expect(actionsFor(sale('paid'))).toEqual(['refund', 'void']);
    expect(actionsFor(sale('partly-refunded'))).toEqual(['refund']);
    expect(actionsFor(sale('refunded'))).toEqual([]);
    expect(actionsFor(sale('failed'))).toEqual(['void']);
    expect(actionsFor(sale('cancelled'))).toEqual([]);
    expect(actionsFor(sale('voided'))).toEqual([]);
  });
});

describe('the windowed history table', () => {
  it('keeps only the rows in view, plus a margin, in the page', () => {
    // The list starts 200 px below the top of an 800 px viewport; rows are 76 px.
    expect(visibleRows(200, 800, 76, 10_000, 10)).toEqual({ start: 0, end: 18 });
    // Scrolled 76,000 px down: row 1000 is at the top.
    expect(visibleRows(-76_000, 800, 76, 10_000, 10)).toEqual({ start: 990, end: 1021 });
    // Near the end and with nothing loaded, the window never leaves the list.
    expect(visibleRows(-76_000 * 10, 800, 76, 10_000, 10)).toEqual({ start: 9990, end: 10_000 });
    expect(visibleRows(0, 800, 76, 0, 10)).toEqual({ start: 0, end: 0 });
  });

  it("finds the rows in view among rows of different heights (the counter's Today list)", () => {
    // One-, two- and three-line rows in turn: 38, 55 and 72.5 px; every three rows are 165.5 px.
    const layout = sizedRows(Array.from({ length: 20_000 }, (_, i) => [38, 55, 72.5][i % 3] as number));
    expect(layout.topOf(3)).toBe(165.5);
    expect(layout.topOf(20_000)).toBe(6_666 * 165.5 + 38 + 55);
    expect(layout.rowsIn(0, 100)).toEqual({ start: 0, end: 3 });
    // A band starting exactly on a row's top begins with that row, and ends before the row starting at its bottom.
    expect(layout.rowsIn(165.5 * 1000, 165.5 * 1000 + 93)).toEqual({ start: 3000, end: 3002 });
    expect(layout.rowsIn(165.5 * 1000 + 37.9, 165.5 * 1000 + 38.1)).toEqual({ start: 3000, end: 3002 });
    // Past the end, and an empty list.
    expect(layout.rowsIn(10_000_000, 10_000_800)).toEqual({ start: 20_000, end: 20_000 });
    expect(sizedRows([]).rowsIn(0, 800)).toEqual({ start: 0, end: 0 });
  });
});

describe('the history while sales come in', () => {
  const base = { id: 'sale-x', status: 'pending', createdAt: '2026-11-26T12:00:00.000Z' } as Sale;
  const older = { ...base, id: 'sale-o', createdAt: '2026-11-26T11:00:00.000Z' } as Sale;
  const range = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
  it('puts a new sale on top only when it surely matches the query', () => {
    expect(belongsOnTop(base, range, [older])).toBe(true);
    expect(belongsOnTop(base, range, [])).toBe(true);
    expect(belongsOnTop(older, range, [base])).toBe(false);
    expect(belongsOnTop(base, { ...range, search: '12' }, [older])).toBe(false);
    expect(belongsOnTop(base, { ...range, status: 'paid' }, [older])).toBe(false);
    expect(belongsOnTop(base, { ...range, status: 'pending' }, [older])).toBe(true);
    expect(belongsOnTop(base, { from: range.to, to: '2026-11-28T00:00:00.000Z' }, [])).toBe(false);
  });
});
