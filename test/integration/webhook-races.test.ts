// Idempotency and races on the notice path (issue 5, item 2), over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor } from '../helpers/notices';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';

let rig: ListenerRig;
beforeEach(async () => {
  rig = await startListenerRig();
});
afterEach(async () => {
  await rig.close();
});

const send = (sale: Sale, overrides = {}) => rawPost(rig.listener.localUrl, { 'content-type': 'application/json', 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY, overrides)));

function paidTransitions(sale: Sale): number {
  return rig.ledger.events(sale.id).filter((event) => event.toStatus === 'paid' && event.fromStatus !== 'paid').length;
}

describe('the same notice many times', () => {
  it('makes exactly one transition to paid when sent 50 times in a row', async () => {
    const [sale] = rig.seedPending(1) as [Sale];
    const updates: Sale[] = [];
    rig.events.on('sale-updated', (updated) => updates.push(updated));
    for (let i = 0; i < 50; i++) expect((await send(sale)).status).toBe(200);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
    expect(paidTransitions(sale)).toBe(1);
    expect(rig.ledger.events(sale.id).filter((event) => event.cause === 'notice: paid')).toHaveLength(1);
    expect(updates).toHaveLength(1);
  });

  it('makes exactly one transition to paid when sent 50 times at once', async () => {
    const [sale] = rig.seedPending(1) as [Sale];
    const updates: Sale[] = [];
    rig.events.on('sale-updated', (updated) => updates.push(updated));
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(sale)));
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(50).fill(200));
    expect(paidTransitions(sale)).toBe(1);
    expect(rig.ledger.events(sale.id)).toHaveLength(3);
    expect(updates).toHaveLength(1);
  });

  /** Either the payment came first (paid, the cancel refused) or the cancel did (the payment kept for review). */
  function expectOneOutcome(sale: Sale): string {
    const final = rig.ledger.getSale(sale.id) as Sale;
    const events = rig.ledger.events(sale.id);
    if (final.status === 'paid') {
      expect(events.map((event) => event.toStatus)).toEqual(['creating', 'pending', 'paid']);
    } else {
      expect(final).toMatchObject({ status: 'review', reviewReason: 'late' });
      expect(events.map((event) => event.toStatus)).toEqual(['creating', 'pending', 'cancelled', 'review']);
    }
    return final.status;
  }

  it('keeps one consistent outcome whichever of a notice and the cashier cancelling comes first, and both orders happen', async () => {
    const outcomes: string[] = [];
    // Both orders at the narrowest gap there is: the Cancel lands in the instant the notice has
    // arrived, just before or just after it is recorded.
    for (const [i, sale] of rig.seedPending(10).entries()) {
      const cancelFirst = i % 2 === 0;
      rig.listener.deliverTo({
        receiveNotice: (signature, text) => {
          if (cancelFirst) rig.service.cancelSale(sale.id);
          const answer = rig.service.receiveNotice(signature, text);
          if (!cancelFirst) expect(rig.service.cancelSale(sale.id)).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
          return answer;
        },
      });
      expect((await send(sale)).status).toBe(200);
      expect(expectOneOutcome(sale)).toBe(cancelFirst ? 'review' : 'paid');
      outcomes.push(rig.ledger.getSale(sale.id)?.status as string);
    }
    rig.listener.deliverTo(rig.service);
    // And as it comes: the Cancel at varying moments before, around and after the request lands.
    for (const [i, sale] of rig.seedPending(30).entries()) {
      const cancelLater = new Promise<void>((resolve) => setTimeout(resolve, i % 3 === 0 ? 0 : i % 5)).then(() => {
        rig.service.cancelSale(sale.id);
      });
      const [answer] = await Promise.all([send(sale), cancelLater]);
      expect(answer.status).toBe(200);
      outcomes.push(expectOneOutcome(sale));
    }
    expect(new Set(outcomes)).toEqual(new Set(['paid', 'review']));
    console.log(`race outcomes: ${outcomes.filter((status) => status === 'paid').length} paid, ${outcomes.filter((status) => status === 'review').length} review`);
  });
});
