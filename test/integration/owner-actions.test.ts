// The owner's decisions on a sale, each one status change plus its sale_events row with the
// owner's reason; refused in the wrong state without changing anything. Receipts and explorer links.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosEvents } from '../../electron/pos/events';
import { createDownloadRegistry, createOwnerHandlers } from '../../electron/pos/owner/handlers';
import { explorerUrl } from '../../electron/pos/owner/receipt';
import type { OwnerHost } from '../../electron/pos/owner/types';
import { Ledger } from '../../electron/pos/store/ledger';
import type { Sale, SaleStatus } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { manualClock, tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let events: PosEvents;
let updates: Sale[];
const clock = manualClock(new Date('2026-11-26T12:00:00.000Z'));

function handlers(host: OwnerHost = {}) {
  return createOwnerHandlers({
    ledger,
    events,
    databaseFile: join(dir.path, 'ledger.sqlite3'),
    now: clock.now,
    receiptSettings: () => ({ shopName: 'Café Mitilena', receiptFooter: 'Ευχαριστούμε!' }),
    host,
    downloads: createDownloadRegistry({ now: clock.now }),
  });
}

beforeEach(() => {
  dir = tempDir();
  ledger = Ledger.open(join(dir.path, 'ledger.sqlite3'));
  events = new PosEvents();
  updates = [];
  events.on('sale-updated', (sale) => updates.push(sale));
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

const sale = (status: SaleStatus, patch: Parameters<typeof seedSale>[1]['patch'] = {}): Sale => seedSale(ledger, { at: '2026-11-26T11:00:00.000Z', status, patch });
const lastEvent = (id: string) => ledger.events(id).at(-1);
const REASON = 'customer showed the wallet';

describe('owner actions', () => {
  it('accepts a review as paid, keeping the paid fields, with the reason in the event', async () => {
    const review = sale('review', { reviewReason: 'underpaid', paidCryptoAmount: '13.2', txHash: 'ab'.repeat(32), paidAt: '2026-11-26T11:01:00.000Z' });
    const result = await handlers().resolveReview({ saleId: review.id, decision: 'accept', reason: REASON });
    expect(result.ok && result.value).toMatchObject({ status: 'paid', paidCryptoAmount: '13.2', paidAt: '2026-11-26T11:01:00.000Z', reviewReason: 'underpaid' });
    expect(lastEvent(review.id)).toMatchObject({ fromStatus: 'review', toStatus: 'paid', cause: 'owner accepted review', detail: { reason: REASON }, at: '2026-11-26T12:00:00.000Z' });
    expect(updates.map((update) => [update.id, update.status])).toEqual([[review.id, 'paid']]);
  });

  it('gives an accepted review without a payment time the time of the decision', async () => {
    const review = sale('review', { reviewReason: 'late' });
    const result = await handlers().resolveReview({ saleId: review.id, decision: 'accept', reason: REASON });
    expect(result.ok && result.value.paidAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('keeps a review as not paid by voiding it', async () => {
    const review = sale('review', { reviewReason: 'wrong-currency' });
    const result = await handlers().resolveReview({ saleId: review.id, decision: 'reject', reason: 'paid in the wrong token' });
    expect(result.ok && result.value.status).toBe('voided');
    expect(lastEvent(review.id)).toMatchObject({ fromStatus: 'review', toStatus: 'voided', cause: 'owner kept as not paid', detail: { reason: 'paid in the wrong token' } });
  });

  it.each(['pending', 'expired'] as const)('marks a %s sale paid by hand with the hash and the note', async (status) => {
    const open = sale(status);
    const result = await handlers().markPaid({ saleId: open.id, txHash: '0x' + 'cd'.repeat(32), note: 'notice never came' });
    expect(result.ok && result.value).toMatchObject({ status: 'paid', txHash: '0x' + 'cd'.repeat(32), paidAt: '2026-11-26T12:00:00.000Z', paidCryptoAmount: '13.240000' });
    expect(lastEvent(open.id)).toMatchObject({ fromStatus: status, toStatus: 'paid', cause: 'owner marked paid', detail: { reason: 'notice never came', txHash: '0x' + 'cd'.repeat(32) } });
  });

  it.each(['pending', 'expired', 'review', 'failed', 'paid'] as const)('voids a %s sale', async (status) => {
    const target = sale(status);
    const result = await handlers().voidSale({ saleId: target.id, reason: 'refunded in cash' });
    expect(result.ok && result.value.status).toBe('voided');
    expect(lastEvent(target.id)).toMatchObject({ fromStatus: status, toStatus: 'voided', cause: 'owner voided', detail: { reason: 'refunded in cash' } });
  });

  it('refuses an action in the wrong state and changes nothing', async () => {
    const paid = sale('paid');
    const cancelled = sale('cancelled');
    const voided = sale('voided');
    const owner = handlers();
    const attempts = [
      await owner.resolveReview({ saleId: paid.id, decision: 'accept', reason: REASON }),
      await owner.markPaid({ saleId: paid.id, txHash: 'ab'.repeat(32), note: REASON }),
      await owner.markPaid({ saleId: cancelled.id, txHash: 'ab'.repeat(32), note: REASON }),
      await owner.voidSale({ saleId: cancelled.id, reason: REASON }),
      await owner.voidSale({ saleId: voided.id, reason: REASON }),
    ];
    for (const attempt of attempts) {
      expect(attempt.ok).toBe(false);
      if (!attempt.ok) {
        expect(attempt.error.code).toBe('invalid-state');
        expect(attempt.error.message).toMatch(/^This sale is /);
      }
    }
    for (const unchanged of [paid, cancelled, voided]) {
      expect(ledger.getSale(unchanged.id)).toEqual(unchanged);
      expect(ledger.events(unchanged.id)).toHaveLength(1);
    }
    expect(updates).toEqual([]);
    const missing = await owner.voidSale({ saleId: 'sale-01KAZZZZZZZZZZZZZZZZZZZZZZ', reason: REASON });
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });
});

describe('receipts and explorer links', () => {
  it('builds the receipt with the shop, the footer, the explorer link and the events', async () => {
    const paid = sale('paid', { txHash: 'AB'.repeat(32) });
    const result = await handlers().getReceipt({ saleId: paid.id });
    expect(result.ok && result.value).toMatchObject({
      sale: { id: paid.id },
      shopName: 'Café Mitilena',
      footer: 'Ευχαριστούμε!',
      explorerUrl: `https://tronscan.org/#/transaction/${'ab'.repeat(32)}`,
      events: [{ fromStatus: null, toStatus: 'paid', cause: 'seeded by a test' }],
    });
  });

  it('links each network to its explorer only for a plausible hash', () => {
    const hex = 'ef'.repeat(32);
    expect(explorerUrl('tether-erc20', hex)).toBe(`https://etherscan.io/tx/0x${hex}`);
    expect(explorerUrl('tether-bep20', `0x${hex}`)).toBe(`https://bscscan.com/tx/0x${hex}`);
    expect(explorerUrl('tether-trc20', `0x${hex}`)).toBe(`https://tronscan.org/#/transaction/${hex}`);
    expect(explorerUrl('apfcoin', hex)).toBe(`https://etherscan.io/tx/0x${hex}`);
    expect(explorerUrl('mitilena-own', hex)).toBeNull();
    expect(explorerUrl('tether-erc20', 'javascript:alert(1)')).toBeNull();
    expect(explorerUrl('tether-erc20', `${hex}/../../evil`)).toBeNull();
    expect(explorerUrl('tether-erc20', null)).toBeNull();
  });

  it('opens the explorer through the host when it can, and hands the URL back otherwise', async () => {
    const paid = sale('paid', { txHash: 'ab'.repeat(32) });
    const opened: string[] = [];
    const electron = await handlers({ openExternal: async (url) => void opened.push(url) }).openExplorer({ saleId: paid.id });
    expect(electron).toEqual({ ok: true, value: { url: `https://tronscan.org/#/transaction/${'ab'.repeat(32)}`, opened: true } });
    expect(opened).toEqual([`https://tronscan.org/#/transaction/${'ab'.repeat(32)}`]);
    const browser = await handlers().openExplorer({ saleId: paid.id });
    expect(browser.ok && browser.value.opened).toBe(false);
    const noHash = await handlers().openExplorer({ saleId: sale('pending').id });
    expect(!noHash.ok && noHash.error.code).toBe('not-found');
  });

  it('saves a PDF through the host, or says how to in a browser', async () => {
    const saved = await handlers({ savePdf: async (name) => `/tmp/${name}` }).savePdf({ suggestedName: 'receipt.pdf' });
    expect(saved).toEqual({ ok: true, value: { path: '/tmp/receipt.pdf' } });
    const browser = await handlers().savePdf({});
    expect(browser).toEqual({ ok: false, error: { code: 'not-ready', message: 'Use your browser\'s print dialog and choose "Save as PDF"' } });
  });
});
