import { describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { dayRange, LIST_PAGE_SALES, mergeListed, paidTotals, placeInDay, readDay, upsertSale } from '../../renderer/today';
import { announcement, screenFor, type ScreenInputs } from '../../renderer/screen-state';
import { aSale } from '../helpers/sales';

function sale(overrides: Partial<Sale> = {}): Sale {
  return aSale({
    id: 'sale-01HZZZZZZZZZZZZZZZZZZZZZZZ',
    createdAt: '2025-03-10T10:00:00.000Z',
    sandbox: true,
    cryptoAmount: '13.58',
    address: 'T123',
    expiresAt: '2025-03-10T10:15:00.000Z',
    ...overrides,
  });
}

describe("today's sales", () => {
  it('spans local midnight to the next local midnight', () => {
    const range = dayRange(new Date(2025, 2, 10, 15, 30));
    expect(new Date(range.from).getHours()).toBe(0);
    expect(new Date(range.from).getDate()).toBe(10);
    expect(new Date(range.to).getDate()).toBe(11);
    expect(new Date(range.to).getHours()).toBe(0);
  });

  it('places a sale before, inside or after the day', () => {
    const range = { from: '2025-03-10T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' };
    expect(placeInDay(sale({ createdAt: '2025-03-09T23:59:59.000Z' }), range)).toBe('before');
    expect(placeInDay(sale(), range)).toBe('inside');
    expect(placeInDay(sale({ createdAt: '2025-03-11T00:00:00.000Z' }), range)).toBe('after');
  });

  it('replaces a sale by id when an update arrives, newest sale first', () => {
    const first = sale({ id: 'a', createdAt: '2025-03-10T09:00:00.000Z' });
    const second = sale({ id: 'b', createdAt: '2025-03-10T11:00:00.000Z' });
    let list = upsertSale([], first);
    list = upsertSale(list, second);
    list = upsertSale(list, { ...first, status: 'paid', updatedAt: '2025-03-10T10:05:00.000Z' });
    expect(list.map((row) => [row.id, row.status])).toEqual([
      ['b', 'pending'],
      ['a', 'paid'],
    ]);
  });

  it('never lets a stale copy turn a paid sale back into a pending one', () => {
    const paid = sale({ status: 'paid', updatedAt: '2025-03-10T10:05:00.000Z' });
    const stale = sale({ status: 'pending', updatedAt: '2025-03-10T10:01:00.000Z' });
    expect(upsertSale([paid], stale)[0]?.status).toBe('paid');
  });

  it('keeps updates that arrived while the list was being read', () => {
    const range = { from: '2025-03-10T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' };
    const listed = [sale({ status: 'pending' })];
    const fromEvent = sale({ status: 'paid', updatedAt: '2025-03-10T10:05:00.000Z' });
    expect(mergeListed(listed, [fromEvent], range)[0]?.status).toBe('paid');
  });

  it('reads a day of more sales than one call answers, every sale once, newest first', async () => {
    const range = { from: '2025-03-10T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' };
    // 2,600 sales, three to a second, so sales share a millisecond across each page's edge.
    const day = Array.from({ length: 2_600 }, (_, i) =>
      sale({ id: `sale-${String(i).padStart(5, '0')}`, createdAt: new Date(Date.parse(range.from) + Math.floor(i / 3) * 1000).toISOString() }),
    ).reverse();
    const calls: string[] = [];
    // listSales as the ledger answers it: created_at < to, newest first (ties by id), at most `limit`.
    const read = await readDay(async ({ from, to, limit }) => {
      calls.push(to);
      return { ok: true, value: day.filter((row) => row.createdAt >= from && row.createdAt < to).slice(0, limit) };
    }, range);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.map((row) => row.id)).toEqual(day.map((row) => row.id));
    expect(calls.length).toBe(Math.ceil(2_600 / LIST_PAGE_SALES));
  });

  it('gives the first error of a day read in pages', async () => {
    const refused = await readDay(async () => ({ ok: false, error: { code: 'no-answer', message: 'lost' } }), dayRange(new Date()));
    expect(refused).toEqual({ ok: false, error: { code: 'no-answer', message: 'lost' } });
  });

  it('totals only paid sales, per currency', () => {
    const totals = paidTotals([
      sale({ id: 'a', status: 'paid', amountMinor: 1250, sandbox: false }),
      sale({ id: 'b', status: 'paid', amountMinor: 300, sandbox: false }),
      sale({ id: 'c', status: 'cancelled', amountMinor: 999, sandbox: false }),
    ]);
    expect(totals).toEqual([{ currency: 'EUR', minor: 1550, count: 2 }]);
  });

  it('counts what a sale counts as takings, net of its refunds', () => {
    const totals = paidTotals([
      sale({ id: 'a', status: 'paid', amountMinor: 1250, recognisedMinor: 600, sandbox: false }),
      sale({ id: 'b', status: 'partly-refunded', amountMinor: 1000, recognisedMinor: 1000, refundedMinor: 400, sandbox: false }),
      sale({ id: 'c', status: 'refunded', amountMinor: 500, recognisedMinor: 500, refundedMinor: 500, sandbox: false }),
    ]);
    expect(totals).toEqual([{ currency: 'EUR', minor: 1200, count: 3 }]);
  });

  it('keeps sandbox sales out of the day\'s takings and totals them apart', () => {
    const sales = [
      sale({ id: 'a', status: 'paid', amountMinor: 1250, sandbox: false }),
      sale({ id: 'b', status: 'paid', amountMinor: 5000, sandbox: true }),
      sale({ id: 'c', status: 'paid', amountMinor: 700, currency: 'JPY', sandbox: true }),
      sale({ id: 'd', status: 'cancelled', amountMinor: 999, sandbox: true }),
    ];
    expect(paidTotals(sales)).toEqual([{ currency: 'EUR', minor: 1250, count: 1 }]);
    expect(paidTotals(sales, { sandbox: true })).toEqual([
      { currency: 'EUR', minor: 5000, count: 1 },
      { currency: 'JPY', minor: 700, count: 1 },
    ]);
  });
});

describe('which screen the counter shows and what it announces', () => {
  const base: ScreenInputs = { hasStatus: true, inFlight: false, currentSale: null, chargeFailure: null };

  it('keeps the keypad up while the invoice is being created', () => {
    expect(screenFor({ ...base, inFlight: true })).toBe('register');
    expect(announcement({ ...base, inFlight: true })).toBe('Creating invoice…');
  });

  it('shows the QR while the sale waits for payment', () => {
    expect(screenFor({ ...base, currentSale: sale() })).toBe('payment');
    expect(announcement({ ...base, currentSale: sale() })).toBe('Waiting for payment');
  });

  it('turns to Paid only for a paid sale, and to review (not paid) for a flagged one', () => {
    expect(screenFor({ ...base, currentSale: sale({ status: 'paid' }) })).toBe('paid');
    expect(announcement({ ...base, currentSale: sale({ status: 'paid' }) })).toContain('Paid');
    expect(announcement({ ...base, currentSale: sale({ status: 'paid', confirmation: 'chain-confirmed' }) })).toBe('Paid ✓✓ confirmed on chain');
    expect(announcement({ ...base, currentSale: sale({ status: 'paid', confirmation: 'recovered' }) })).toBe('Paid (recovered from the blockchain)');
    expect(screenFor({ ...base, currentSale: sale({ status: 'review', reviewReason: 'underpaid' }) })).toBe('review');
    expect(announcement({ ...base, currentSale: sale({ status: 'review' }) })).toBe('Needs review');
  });

  it("shows the gateway's own words when a charge is refused", () => {
    const inputs = {
      ...base,
      chargeFailure: { error: { code: 'gateway-refused' as const, message: 'fiatAmount must be a number' } },
    };
    expect(screenFor(inputs)).toBe('failed');
    expect(announcement(inputs)).toBe('Failed: fiatAmount must be a number');
  });

  it('treats cancelled and expired sales as failed screens with their own announcement', () => {
    expect(screenFor({ ...base, currentSale: sale({ status: 'cancelled' }) })).toBe('failed');
    expect(announcement({ ...base, currentSale: sale({ status: 'cancelled' }) })).toBe('Cancelled');
    expect(announcement({ ...base, currentSale: sale({ status: 'expired' }) })).toBe('Expired');
    expect(announcement({ ...base, currentSale: sale({ status: 'failed', failure: 'No internet' }) })).toBe(
      'Failed: No internet',
    );
  });
});
