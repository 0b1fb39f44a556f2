// Property-based fuzzing of the webhook listener over real HTTP (issue 5, item 1): whatever arrives
// without a valid key, or not a notice at all, gets a 4xx and changes nothing; a notice with the right
// key that cannot be read is kept for the owner (issue 9) and never pays; nothing gets a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor } from '../helpers/notices';
import { ledgerRows } from '../helpers/ledger-file';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';

/** What decides a payment (issue 9): a broken one of these must never pay a sale. */
const DECISIVE_FIELDS = ['mitilenaInvoiceId', 'yourPaymentId', 'stableCoinAmount', 'localCurrencyAmount', 'wasPaid'] as const;

let rig: ListenerRig;
let sales: Sale[];
let before: string;

beforeAll(async () => {
  rig = await startListenerRig();
  sales = rig.seedPending(3);
  before = rig.snapshot();
});
afterAll(async () => {
  await rig.close();
});

/** A value `field` can never take in a readable notice. */
function unreadableFor(field: (typeof DECISIVE_FIELDS)[number]): fc.Arbitrary<unknown> {
  const notText = fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
  if (field === 'wasPaid') return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes', null, ''), fc.object({ maxDepth: 1 }));
  if (field === 'stableCoinAmount' || field === 'localCurrencyAmount') return fc.oneof(notText, fc.constantFrom('-1', '1,5', 'NaN', '', '0x10', 'ten', -1, -0.5));
  return fc.oneof(notText, fc.constantFrom('', '   '));
}

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__');

/** A notice with the right key whose decisive fields are unreadable (or missing), plus noise. */
const brokenGenuine = fc
  .record({
    sale: fc.integer({ min: 0, max: 2 }),
    broken: fc.uniqueArray(fc.constantFrom(...DECISIVE_FIELDS), { minLength: 1, maxLength: 3 }),
    removeInstead: fc.boolean(),
    extra: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), hostileKey), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  })
  .chain(({ sale, broken, removeInstead, extra }) =>
    fc.tuple(...broken.map((field) => unreadableFor(field))).map((values) => {
      const statusObj: Record<string, unknown> = { ...paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj, ...extra };
      broken.forEach((field, i) => {
        if (removeInstead) delete statusObj[field];
        else statusObj[field] = values[i];
      });
      return JSON.stringify({ statusObj });
    }),
  );

/** Anything at all, sent with a wrong or missing key. */
const anyBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.integer({ min: 0, max: 2 }).map((sale) => JSON.stringify(paidNoticeFor(sales[sale] as Sale, 'not-the-key-at-all'))),
  fc.string({ maxLength: 200 }),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  fc.constant(`{"statusObj":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`),
  fc.nat({ max: 4000 }).map((n) => `{"statusObj":{"yourProductName":"${"x".repeat(n * 30)}"}}`),
);

type Case = { headers: Record<string, string>; body: Buffer | string | (Buffer | string)[]; method?: string };

const json = { 'content-type': 'application/json' };
const nearMiss = fc.constantFrom(`${RIG_KEY}0`, `x${RIG_KEY}`, RIG_KEY.toUpperCase(), RIG_KEY.slice(0, -1));

/** Requests that are not a notice with a valid key, or not a notice at all: refused, nothing changes. */
const refused: fc.Arbitrary<Case> = fc.oneof(
  // Wrong, missing or near-miss key in the header, and none or the same in the body.
  fc.tuple(anyBody, fc.option(fc.oneof(fc.string({ maxLength: 40 }), nearMiss), { nil: undefined })).map(([body, signature]) => ({
    headers: signature === undefined ? json : { ...json, 'mitilena-signature': signature.replace(/[^\x20-\x7e]/g, '') },
    body,
  })),
  // The right key in the header but a wrong one in the body (or the other way round): every key presented must be right.
  fc.tuple(fc.integer({ min: 0, max: 2 }), nearMiss, fc.boolean()).map(([sale, wrong, inBody]) => ({
    headers: { ...json, 'mitilena-signature': inBody ? RIG_KEY : wrong },
    body: JSON.stringify(paidNoticeFor(sales[sale] as Sale, inBody ? wrong : RIG_KEY)),
  })),
  // Wrong content types with a genuine body.
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '')).map(([sale, type]) => ({
    headers: { 'content-type': type, 'mitilena-signature': RIG_KEY },
    body: JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY)),
  })),
  // Too large.
  fc.integer({ min: 0, max: 2 }).map((sale) => ({
    headers: { ...json, 'mitilena-signature': RIG_KEY },
    body: JSON.stringify({ ...paidNoticeFor(sales[sale] as Sale, RIG_KEY), padding: 'x'.repeat(70 * 1024) }),
  })),
  // Other methods.
  fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS').map((method) => ({ headers: { ...json, 'mitilena-signature': RIG_KEY }, body: '', method })),
);

/** Notices with the right key that cannot be read or say something undecidable: kept, never paid. */
const keptUnread: fc.Arbitrary<Case> = fc.oneof(
  brokenGenuine.map((body) => ({ headers: { ...json, 'mitilena-signature': RIG_KEY }, body })),
  // Invalid UTF-8 and a missing payment: the body names no sale it could pay.
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => ({
    headers: { ...json, 'mitilena-signature': RIG_KEY },
    body: Buffer.concat([Buffer.from('{"statusObj":{"yourProductName":"'), Buffer.from([0xff, 0xfe, ...bytes]), Buffer.from('"}}')]),
  })),
  // Duplicate keys: ambiguous, so read as nothing.
  fc.integer({ min: 0, max: 2 }).map((sale) => ({
    headers: { ...json, 'mitilena-signature': RIG_KEY },
    body: `{"statusObj":${JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj)},"statusObj":{"wasPaid":true}}`,
  })),
  // The flag as text ("true"): decisive, so never taken as paid.
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('mitilenaInvoiceId', 'yourPaymentId', 'localCurrencyCode'), fc.integer()).map(([sale, field, number]) => {
    const statusObj: Record<string, unknown> = { ...paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj, wasPaid: 'true' };
    statusObj[field] = number;
    return { headers: { ...json, 'mitilena-signature': RIG_KEY }, body: JSON.stringify({ statusObj }) };
  }),
  // Chunked transfer of a broken body, split at random places.
  fc.tuple(brokenGenuine, fc.integer({ min: 1, max: 8 })).map(([body, parts]) => {
    const size = Math.ceil(body.length / parts);
    const chunks = Array.from({ length: parts }, (_, i) => body.slice(i * size, (i + 1) * size)).filter((chunk) => chunk.length > 0);
    return { headers: { ...json, 'mitilena-signature': RIG_KEY, 'transfer-encoding': 'chunked' }, body: chunks };
  }),
  // Truncated JSON with the right key.
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat()).map(([sale, cut]) => {
    const body = JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY));
    return { headers: { ...json, 'mitilena-signature': RIG_KEY }, body: body.slice(0, cut % (body.length - 1)) };
  }),
);

const NOTICES_PER_RUN = 10_000;

function unreadCount(): number {
  return (ledgerRows<{ n: number }>(rig.databaseFile, 'SELECT count(*) AS n FROM unread_notices')[0] as { n: number }).n;
}

describe('webhook listener under fuzzing', () => {
  it(`refuses ${NOTICES_PER_RUN} notices without a valid key or not notices at all with a 4xx, and changes nothing`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(refused, async (fuzz) => {
        const answer = await rawPost(rig.listener.localUrl, fuzz.headers, fuzz.body, fuzz.method);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        return answer.status >= 400 && answer.status < 500;
      }),
      { numRuns: NOTICES_PER_RUN },
    );
    expect(rig.snapshot()).toBe(before);
    // The fuzzer reached every kind of refusal, not just the first check.
    expect([...statuses.keys()].sort()).toEqual([401, 405, 413, 415]);
  }, 180_000);

  it('keeps 3000 keyed notices it cannot read for the owner (200, never a 5xx), and none of them pays a sale', async () => {
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(keptUnread, async (fuzz) => {
        const unreadBefore = unreadCount();
        const answer = await rawPost(rig.listener.localUrl, fuzz.headers, fuzz.body, fuzz.method);
        if (answer.status !== 200) return false;
        if (unreadCount() > unreadBefore) kept += 1;
        else if (answer.text !== 'already recorded' && !/for review|unpaid status/.test(answer.text)) return false;
        return sales.every((sale) => rig.ledger.getSale(sale.id)?.status !== 'paid');
      }),
      { numRuns: 3_000 },
    );
    expect(kept).toBeGreaterThan(500);
    // Kept redacted: the key is nowhere in the ledger's copy of what arrived.
    expect(JSON.stringify(ledgerRows(rig.databaseFile, 'SELECT body FROM unread_notices'))).not.toContain(RIG_KEY);
    // The sales they named wait for the owner.
    expect(sales.map((sale) => rig.ledger.getSale(sale.id)?.status)).toEqual(['review', 'review', 'review']);
  }, 180_000);

  it('still takes a genuine notice after the fuzzing', async () => {
    const [sale] = rig.seedPending(1) as [Sale];
    const answer = await rawPost(rig.listener.localUrl, { ...json, 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
    expect(answer.status).toBe(200);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
  });
});
