// The webhook listener over real HTTP on 127.0.0.1, with the real core, a real SQLite file and the
// embedded sandbox gateway creating the invoices. Notices are built from CONTRACT.md §2.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { ledgerRows } from '../helpers/ledger-file';
import { manualClock, tempDir } from '../helpers/temp';

const DAY_MS = 24 * 60 * 60 * 1000;

let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
let key: string;
let clock: ReturnType<typeof manualClock>;
let announced: Sale[];

beforeEach(async () => {
  dir = tempDir();
  clock = manualClock(new Date());
  core = await startCore({ dataDir: dir.path, currency: 'EUR', now: clock.now, secrets: memorySecrets() });
  key = core.ledger.getMeta('sandbox_key') as string;
  announced = [];
  core.on('sale-updated', (sale) => announced.push(sale));
});

afterEach(async () => {
  await core.close();
  dir.remove();
});

async function charge(amount = '12.50'): Promise<Sale> {
  const result = await core.handlers.startSale({ amount });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.status).toBe('pending');
  return result.value;
}

function reload(sale: Sale): Sale {
  return core.ledger.getSale(sale.id) as Sale;
}

function eventCount(sale: Sale): number {
  return core.ledger.events(sale.id).length;
}

/** Asserts the notice was refused with `status` and the sale and its log did not move. */
async function expectRefused(sale: Sale, status: number, send: () => Promise<{ status: number }>): Promise<void> {
  const before = reload(sale);
  const events = eventCount(sale);
  const response = await send();
  expect(response.status).toBe(status);
  expect(reload(sale)).toEqual(before);
  expect(eventCount(sale)).toBe(events);
}

describe('webhook listener', () => {
  it('turns a matching, verified notice into a paid sale and announces it', async () => {
    const sale = await charge();
    const response = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    expect(response.status).toBe(200);
    const paid = reload(sale);
    expect(paid.status).toBe('paid');
    expect(paid.overpaid).toBe(false);
    expect(paid.txHash).toBe('ab'.repeat(32));
    expect(paid.paidCryptoAmount).toBe(sale.cryptoAmount);
    expect(announced.at(-1)?.status).toBe('paid');
    const last = core.ledger.events(sale.id).at(-1);
    expect(last?.cause).toBe('notice: paid');
    expect(last?.fromStatus).toBe('pending');
    expect(last?.toStatus).toBe('paid');
    // The notice is kept, without the secret.
    expect(JSON.stringify(last?.detail)).not.toContain(key);
    expect((last?.detail as { mitilenaInvoiceId: string }).mitilenaInvoiceId).toBe(sale.invoiceId);
  });

  it('answers a repeated notice with 200 and changes nothing', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key);
    expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    const afterFirst = reload(sale);
    const events = eventCount(sale);
    const updates = announced.length;
    for (let i = 0; i < 3; i++) expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    expect(reload(sale)).toEqual(afterFirst);
    expect(eventCount(sale)).toBe(events);
    expect(announced.length).toBe(updates);
  });

  it('refuses a notice whose header carries the wrong key', async () => {
    const sale = await charge();
    await expectRefused(sale, 401, () => postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key, { signature: 'not-the-key' }));
  });

  it('refuses a notice that carries no key at all, in neither the header nor the body', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key) as unknown as { statusObj: Record<string, unknown> };
    delete notice.statusObj.secretKey;
    await expectRefused(sale, 401, () => postNotice(core.webhookLocalUrl, notice, key, { signature: null }));
  });

  it('takes a notice whose key is only in the body, as the guide\'s PHP receiver reads it', async () => {
    const sale = await charge();
    expect((await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key, { signature: null })).status).toBe(200);
    expect(reload(sale).status).toBe('paid');
  });

  it('refuses a notice whose secretKey is wrong even when the header is right', async () => {
    const sale = await charge();
    await expectRefused(sale, 401, () => postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { secretKey: `${key}x` }), key));
  });

  it('takes a notice without the fields that decide nothing (hash, echoes, labels)', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key) as unknown as { statusObj: Record<string, unknown> };
    for (const field of ['blockchainHash', 'yourProductName', 'yourProductId', 'stableCoinSymbol', 'stableCoinBlockchain', 'localCurrencyCode']) delete notice.statusObj[field];
    expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    expect(reload(sale)).toMatchObject({ status: 'paid', txHash: null, reviewDetail: null });
  });

  it('keeps a keyed notice whose wasPaid is a string for the owner: the sale waits for review, never green', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key) as unknown as { statusObj: Record<string, unknown> };
    notice.statusObj.wasPaid = 'true';
    const response = await postNotice(core.webhookLocalUrl, notice, key);
    expect(response.status).toBe(200);
    expect(reload(sale)).toMatchObject({ status: 'review', reviewReason: 'unreadable-notice' });
    expect(core.status().warnings.join(' ')).toMatch(/could not be read.*wasPaid/);
  });

  it('keeps an underpayment for review and never turns it green', async () => {
    const sale = await charge();
    const response = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { stableCoinAmount: '1.000000' }), key);
    expect(response.status).toBe(200);
    const kept = reload(sale);
    expect(kept.status).toBe('review');
    expect(kept.reviewReason).toBe('underpaid');
    expect(kept.paidCryptoAmount).toBe('1.000000');
    expect(announced.at(-1)?.status).toBe('review');
  });

  it('needs the fiat figure too: below the price it goes to review, above it is paid and noted', async () => {
    const low = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(low, key, { localCurrencyAmount: '12.49' }), key);
    expect(reload(low)).toMatchObject({ status: 'review', reviewReason: 'underpaid' });
    const high = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(high, key, { localCurrencyAmount: '12.51' }), key);
    expect(reload(high).status).toBe('paid');
    expect(JSON.stringify(core.ledger.events(high.id).at(-1)?.detail)).toContain('reports EUR 12.51');
  });

  it('accepts amounts sent as JSON numbers, as the guide\'s own receiver does', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key) as unknown as { statusObj: Record<string, unknown> };
    notice.statusObj.stableCoinAmount = Number(sale.cryptoAmount);
    notice.statusObj.localCurrencyAmount = 12.5;
    expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    expect(reload(sale).status).toBe('paid');
  });

  it('keeps a payment for a sale the owner voided for review', async () => {
    const sale = await charge();
    expect((await core.handlers.voidSale({ saleId: sale.id, reason: 'customer left' })).ok).toBe(true);
    const response = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    expect(response.status).toBe(200);
    expect(reload(sale)).toMatchObject({ status: 'review', reviewReason: 'late' });
  });

  it('takes a resend of the same payment (hash added, amount written longer) as the same payment', async () => {
    const sale = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { blockchainHash: null }), key);
    const paid = reload(sale);
    expect(paid.status).toBe('paid');
    const resend = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { stableCoinAmount: `${sale.cryptoAmount as string}00` }), key);
    expect(resend.status).toBe(200);
    expect(reload(sale)).toEqual(paid);
    expect(core.ledger.listSales({ status: 'review' })).toHaveLength(0);
  });

  it('keeps a second, different payment as its own sale in review and leaves the first paid', async () => {
    const sale = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    const second = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { blockchainHash: 'cd'.repeat(32) }), key);
    expect(second.status).toBe(200);
    expect(reload(sale).status).toBe('paid');
    const reviews = core.ledger.listSales({ status: 'review' });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ reviewReason: 'paid-twice', txHash: 'cd'.repeat(32) });
    expect(reviews[0]?.reviewDetail).toContain(sale.id);
    expect(core.ledger.events(sale.id).at(-1)?.cause).toBe('another payment arrived');
  });

  it('records an overpayment as paid with the overpayment flag', async () => {
    const sale = await charge();
    const more = `${(sale.cryptoAmount as string).split('.')[0]}9.000000`;
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { stableCoinAmount: more }), key);
    const paid = reload(sale);
    expect(paid.status).toBe('paid');
    expect(paid.overpaid).toBe(true);
  });

  it('keeps a payment in another fiat currency for review', async () => {
    const sale = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { localCurrencyCode: 'USD' }), key);
    const kept = reload(sale);
    expect(kept.status).toBe('review');
    expect(kept.reviewReason).toBe('wrong-currency');
  });

  it('keeps a payment on another network for review', async () => {
    const sale = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { stableCoinBlockchain: 'ERC20' }), key);
    expect(reload(sale).reviewReason).toBe('wrong-currency');
  });

  it('keeps a notice naming another invoice for review', async () => {
    const sale = await charge();
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { mitilenaInvoiceId: 'auto-other-invoice' }), key);
    expect(reload(sale).reviewReason).toBe('invoice-mismatch');
  });

  it('records a payment for an unknown sale as a sale in review, once', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key, { yourPaymentId: 'sale-from-another-counter', mitilenaInvoiceId: 'auto-unknown-1', localCurrencyAmount: '7.000' });
    expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    expect((await postNotice(core.webhookLocalUrl, notice, key)).status).toBe(200);
    const reviews = core.ledger.listSales({ status: 'review' });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.reviewReason).toBe('unknown-sale');
    expect(reviews[0]?.amountMinor).toBe(700);
    expect(reviews[0]?.invoiceId).toBe('auto-unknown-1');
    expect(reviews[0]?.reviewDetail).toContain('sale-from-another-counter');
    expect(reload(sale).status).toBe('pending');
  });

  it('keeps a payment that arrives after the invoice expired for review', async () => {
    const sale = await charge();
    clock.advance(15 * DAY_MS);
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    const kept = reload(sale);
    expect(kept.status).toBe('review');
    expect(kept.reviewReason).toBe('late');
  });

  it('expires an unpaid invoice, then keeps its late payment for review', async () => {
    const sale = await charge();
    clock.advance(15 * DAY_MS);
    expect(core.service.expireDue().map((expired) => expired.id)).toEqual([sale.id]);
    expect(reload(sale).status).toBe('expired');
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    expect(reload(sale).status).toBe('review');
    expect(reload(sale).reviewReason).toBe('late');
  });

  it('keeps a payment that arrives after the cashier cancelled for review', async () => {
    const sale = await charge();
    expect((await core.handlers.cancelSale({ saleId: sale.id })).ok).toBe(true);
    await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key);
    const kept = reload(sale);
    expect(kept.status).toBe('review');
    expect(kept.reviewReason).toBe('late');
    expect(core.ledger.events(sale.id).map((event) => event.toStatus)).toEqual(['creating', 'pending', 'cancelled', 'review']);
  });

  it('logs an unpaid notice without changing the sale', async () => {
    const sale = await charge();
    const response = await postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key, { wasPaid: false, stableCoinAmount: '0', blockchainHash: null }), key);
    expect(response.status).toBe(200);
    expect(reload(sale).status).toBe('pending');
    expect(core.ledger.events(sale.id).at(-1)?.cause).toBe('notice: not paid');
  });

  it('refuses a body over 64 KiB', async () => {
    const sale = await charge();
    const notice = paidNoticeFor(sale, key, { yourProductName: 'x'.repeat(70 * 1024) });
    await expectRefused(sale, 413, () => postNotice(core.webhookLocalUrl, notice, key));
  });

  it('keeps a keyed body that is not JSON for the owner (200), redacted, and leaves the sales alone', async () => {
    const sale = await charge();
    const before = reload(sale);
    const response = await postNotice(core.webhookLocalUrl, null, key, { rawBody: `{"statusObj": {"secretKey": "${key}", ` });
    expect(response.status).toBe(200);
    expect(reload(sale)).toEqual(before);
    const kept = ledgerRows<{ body: string; reason: string }>(join(dir.path, DATABASE_FILE), 'SELECT body, reason FROM unread_notices');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.body).not.toContain(key);
    expect(kept[0]?.reason).toMatch(/not JSON/);
    // The same body again is not kept twice.
    expect((await postNotice(core.webhookLocalUrl, null, key, { rawBody: `{"statusObj": {"secretKey": "${key}", ` })).text).toBe('already recorded');
  });

  it('refuses a body that is not JSON without a valid key', async () => {
    const sale = await charge();
    await expectRefused(sale, 401, () => postNotice(core.webhookLocalUrl, null, 'wrong-key-0123456789', { rawBody: '{"statusObj": ' }));
  });

  it('refuses another content type', async () => {
    const sale = await charge();
    await expectRefused(sale, 415, () => postNotice(core.webhookLocalUrl, paidNoticeFor(sale, key), key, { contentType: 'text/plain' }));
  });

  it('refuses another method', async () => {
    const sale = await charge();
    await expectRefused(sale, 405, () => postNotice(core.webhookLocalUrl, null, key, { method: 'GET' }));
  });

  it('answers 404 on any other path, including a wrong install token', async () => {
    const sale = await charge();
    const base = new URL(core.webhookLocalUrl);
    for (const path of ['/', '/mitilena/webhook/', '/mitilena/webhook/0000', `${base.pathname}/extra`, '/api/startSale']) {
      await expectRefused(sale, 404, () => postNotice(`${base.origin}${path}`, paidNoticeFor(sale, key), key));
    }
  });

  it('binds its own socket to 127.0.0.1 only, apart from the UI', () => {
    expect(core.webhookBoundAddress).toBe('127.0.0.1');
    expect(new URL(core.webhookLocalUrl).hostname).toBe('127.0.0.1');
  });
});
