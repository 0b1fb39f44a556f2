// Refunds recorded against paid sales: partial then full, at the invoice's rate or as the owner
// states, never more than arrived, each with its transaction, reason and who; shown on the receipt,
// in the history's figures, the day close and the CSV export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosEvents } from '../../electron/pos/events';
import { createDownloadRegistry, createOwnerHandlers } from '../../electron/pos/owner/handlers';
import { Ledger } from '../../electron/pos/store/ledger';
import type { Receipt } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { bookSale } from '../helpers/book-sales';
import { manualClock, tempDir } from '../helpers/temp';

const OWNER = { role: 'owner', name: null } as const;
const DAY = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
const clock = manualClock(new Date('2026-11-26T15:00:00.000Z'));

function handlers(host: Parameters<typeof createOwnerHandlers>[0]['host'] = {}) {
  return createOwnerHandlers({
    ledger,
    events: new PosEvents(),
    databaseFile: join(dir.path, 'ledger.sqlite3'),
    now: clock.now,
    receiptSettings: () => ({ shopName: 'Shop', receiptFooter: '' }),
    host,
    downloads: createDownloadRegistry({ now: clock.now }),
    actorOf: () => OWNER,
  });
}

beforeEach(() => {
  dir = tempDir();
  ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'));
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

const paid = (): Sale => bookSale(ledger, { at: new Date('2026-11-26T10:00:00.000Z'), status: 'paid', amountMinor: 2000, asked: '21.5', cashier: 'Ana' });

describe('refunds', () => {
  it('records a partial then a full refund, netting the sale to exactly zero', async () => {
    const sale = paid();
    const owner = handlers();
    const first = await owner.refundSale({ saleId: sale.id, amount: '7', txHash: '0xrefund-one', reason: 'one cup broken' });
    // 2000 × 7 / 21.5 = 651.16… → 651
    expect(first).toMatchObject({ ok: true, value: { status: 'partly-refunded', refundedMinor: 651, refundedCrypto: '7', recognisedMinor: 2000 } });
    const second = await owner.refundSale({ saleId: sale.id, amount: '14.5', txHash: '0xrefund-two', reason: 'the rest, order cancelled' });
    expect(second).toMatchObject({ ok: true, value: { status: 'refunded', refundedMinor: 2000, refundedCrypto: '21.5' } });
    expect(ledger.refundsOf(sale.id).map((refund) => [refund.cryptoAmount, refund.fiatMinor, refund.txHash, refund.by])).toEqual([
      ['7', 651, '0xrefund-one', OWNER],
      ['14.5', 1349, '0xrefund-two', OWNER],
    ]);
    expect(ledger.events(sale.id).slice(-2).map((event) => [event.fromStatus, event.toStatus, event.cause])).toEqual([
      ['paid', 'partly-refunded', 'owner refunded in part'],
      ['partly-refunded', 'refunded', 'owner refunded in full'],
    ]);
    // Nothing left: a third is refused, so is voiding a refunded sale.
    expect(await owner.refundSale({ saleId: sale.id, amount: '0.1', txHash: '0xrefund-three', reason: 'again' })).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await owner.voidSale({ saleId: sale.id, reason: 'void it' })).toMatchObject({ ok: false, error: { code: 'invalid-state', message: expect.stringMatching(/refunds/) } });

    const close = await owner.dayClose(DAY);
    expect(close.ok && close.value.figures.live).toEqual({
      paidCount: 1,
      gross: [{ currency: 'EUR', amountMinor: 2000 }],
      tips: [],
      refunds: [{ currency: 'EUR', amountMinor: 2000 }],
      net: [],
    });
    expect(close.ok && close.value.figures.crypto).toEqual([{ token: 'USDT', blockchain: 'tether-trc20', received: '21.5', refunded: '21.5', net: '0.0' }]);
    const summary = await owner.historySummary(DAY);
    expect(summary).toMatchObject({ ok: true, value: { paidCount: 1, paidTotals: [], refundTotals: [{ currency: 'EUR', amountMinor: 2000 }] } });
  });

  it('gives the same sandbox figure on History and the day close when a test sale is refunded: net of the refund', async () => {
    const sale = bookSale(ledger, { at: new Date('2026-11-26T11:00:00.000Z'), status: 'paid', amountMinor: 1000, asked: '10.75', sandbox: true });
    paid();
    const owner = handlers();
    expect(await owner.refundSale({ saleId: sale.id, amount: '2.15', txHash: '0xsandbox-refund', reason: 'test refund' })).toMatchObject({ ok: true, value: { refundedMinor: 200 } });
    const close = await owner.dayClose(DAY);
    const summary = await owner.historySummary(DAY);
    expect(close.ok && [close.value.sandboxPaidCount, close.value.sandboxPaidTotals]).toEqual([1, [{ currency: 'EUR', amountMinor: 800 }]]);
    expect(summary.ok && [summary.value.sandboxPaidCount, summary.value.sandboxPaidTotals]).toEqual([1, [{ currency: 'EUR', amountMinor: 800 }]]);
    // The live sale is untouched by the sandbox's refund.
    expect(close.ok && close.value.figures.live.net).toEqual([{ currency: 'EUR', amountMinor: 2000 }]);
  });

  it('refuses more than arrived, a sale that is not paid, and takes the owner’s stated fiat value', async () => {
    const sale = paid();
    const owner = handlers();
    expect(await owner.refundSale({ saleId: sale.id, amount: '30', txHash: '0xrefund-big', reason: 'too much' })).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { amount: expect.stringMatching(/more than is left/) } } });
    expect(await owner.refundSale({ saleId: sale.id, amount: 'abc', txHash: '0xrefund-bad', reason: 'not a number' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await owner.refundSale({ saleId: sale.id, amount: '1', txHash: '0xrefund-fiat', reason: 'fee', fiatAmount: '25.00' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await owner.refundSale({ saleId: sale.id, amount: '1', txHash: '0xrefund-fiat', reason: 'network fee refunded', fiatAmount: '0,50' })).toMatchObject({ ok: true, value: { refundedMinor: 50 } });
    const pending = bookSale(ledger, { at: new Date('2026-11-26T11:00:00.000Z'), status: 'pending', amountMinor: 500 });
    expect(await owner.refundSale({ saleId: pending.id, amount: '1', txHash: '0xrefund-pending', reason: 'never paid' })).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(ledger.refundsOf(pending.id)).toEqual([]);
  });

  it('shows the sale time, the cashier, refunds and owner actions with their own times on the receipt, and refunds in the CSV', async () => {
    const sale = paid();
    const owner = handlers({ chooseSavePath: async () => join(dir.path, 'out.csv') });
    clock.set(new Date('2026-11-26T16:30:00.000Z'));
    await owner.refundSale({ saleId: sale.id, amount: '10.75', txHash: '0xrefund-half', reason: 'half returned' });
    const receipt = (await owner.getReceipt({ saleId: sale.id })) as { ok: true; value: Receipt };
    expect(receipt.value.sale).toMatchObject({ createdAt: '2026-11-26T10:00:00.000Z', paidAt: '2026-11-26T10:00:00.000Z', cashier: 'Ana', refundedMinor: 1000 });
    expect(receipt.value.refunds).toMatchObject([{ at: '2026-11-26T16:30:00.000Z', cryptoAmount: '10.75', fiatMinor: 1000, reason: 'half returned', by: OWNER }]);
    expect(receipt.value.ownerActions).toEqual([{ at: '2026-11-26T16:30:00.000Z', cause: 'owner refunded in part', reason: 'half returned', by: OWNER }]);

    const exported = await owner.exportCsv(DAY);
    expect(exported).toMatchObject({ ok: true, value: { rows: 1 } });
    const bytes = readFileSync(join(dir.path, 'out.csv'));
    // The byte order mark is on unless asked off.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [row] = parse(bytes.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(row).toMatchObject({ status: 'partly-refunded', fiat_amount: '20.00', fiat_recognised: '20.00', refunded: '10.00', crypto_asked: '21.5', crypto_received: '21.5', crypto_refunded: '10.75', cashier: 'Ana', local_time: expect.stringMatching(/^2026-11-26 \d\d:00:00$/) });
  });
});
