// Sale updates applied a frame's batch at a time give the same day list as applied one by one, and
// the batcher hands over the latest copy of each sale once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameBatcher } from '../../renderer/frame-batch';
import { upsertSale, upsertSales } from '../../renderer/today';
import type { Sale } from '../../shared/sale';
import { aSale } from '../helpers/sales';

const saleArb = fc.record({ id: fc.integer({ min: 0, max: 12 }), created: fc.integer({ min: 0, max: 20 }), updated: fc.integer({ min: 0, max: 50 }), paid: fc.boolean() }).map(({ id, created, updated, paid }) =>
  aSale({ id: `sale-${id}`, createdAt: new Date(Date.UTC(2026, 10, 26, 9, id % 7 === 0 ? 0 : created)).toISOString(), updatedAt: new Date(Date.UTC(2026, 10, 26, 10, updated)).toISOString(), status: paid ? 'paid' : 'pending' }),
);

describe('sale updates in batches', () => {
  it('give the day list that one-by-one updates give', () => {
    fc.assert(
      fc.property(fc.array(fc.array(saleArb, { maxLength: 8 }), { maxLength: 10 }), (batches) => {
        let oneByOne: Sale[] = [];
        let batched: Sale[] = [];
        for (const batch of batches) {
          // A sale's creation time never changes: later copies keep the first one's.
          const consistent = batch.map((sale) => ({ ...sale, createdAt: oneByOne.find((known) => known.id === sale.id)?.createdAt ?? batch.find((first) => first.id === sale.id)?.createdAt ?? sale.createdAt }));
          for (const sale of consistent) oneByOne = upsertSale(oneByOne, sale);
          batched = upsertSales(batched, consistent);
        }
        expect(batched.map((sale) => [sale.id, sale.updatedAt, sale.status])).toEqual(oneByOne.map((sale) => [sale.id, sale.updatedAt, sale.status]));
      }),
      { numRuns: 500 },
    );
  });

  it('hands over the latest copy of each sale once, in one batch', async () => {
    const batches: Sale[][] = [];
    const batcher = frameBatcher((batch) => batches.push(batch));
    for (let i = 0; i < 100; i++) batcher.add(aSale({ id: `sale-${i % 3}`, amountMinor: i }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((sale) => [sale.id, sale.amountMinor])).toEqual([
      ['sale-1', 97],
      ['sale-2', 98],
      ['sale-0', 99],
    ]);
    batcher.stop();
  });

  it("applies the sale on the cashier's screen at once, after what waited before it, and batches the rest", async () => {
    const batches: Sale[][] = [];
    const batcher = frameBatcher((batch) => batches.push(batch), (sale) => sale.id === 'sale-current');
    batcher.add(aSale({ id: 'sale-a' }));
    batcher.add(aSale({ id: 'sale-current', status: 'paid' }));
    expect(batches.map((batch) => batch.map((sale) => sale.id))).toEqual([['sale-a', 'sale-current']]);
    batcher.add(aSale({ id: 'sale-b' }));
    batcher.add(aSale({ id: 'sale-c' }));
    expect(batches).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches.map((batch) => batch.map((sale) => sale.id))).toEqual([['sale-a', 'sale-current'], ['sale-b', 'sale-c']]);
    batcher.stop();
  });
});
