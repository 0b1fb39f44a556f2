// Property-based fuzzing of the webhook listener over real HTTP (issue 5, item 1): whatever arrives
// that is not a genuine notice gets a 4xx and changes nothing; nothing gets a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { paidNoticeFor } from '../helpers/notices';
import { RIG_KEY, rawPost, startListenerRig, type ListenerRig } from '../helpers/listener-rig';

const REQUIRED_FIELDS = [
  'mitilenaInvoiceId',
  'yourPaymentId',
  'yourProductName',
  'yourProductId',
  'secretKey',
  'stableCoinAmount',
  'stableCoinSymbol',
  'stableCoinBlockchain',
  'localCurrencyAmount',
  'localCurrencyCode',
  'wasPaid',
  'blockchainHash',
] as const;

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

/** A value of a type the contract never allows for `field` (so the notice is always invalid). */
function wrongTypeFor(field: (typeof REQUIRED_FIELDS)[number]): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
  if (field === 'wasPaid') return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes', null), fc.object({ maxDepth: 1 }));
  if (field === 'blockchainHash') return fc.oneof(fc.integer(), fc.boolean(), fc.constant(''), fc.object({ maxDepth: 1 }));
  if (field === 'stableCoinAmount' || field === 'localCurrencyAmount') {
    // A non-negative JSON number is a valid amount (the guide's receiver takes numbers); these are not.
    return fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.constantFrom('1e3', '-1', '1,5', 'NaN', '', ' 1.0', '0x10', -1, -0.5, 1e21));
  }
  if (field === 'localCurrencyCode') return fc.oneof(notString, fc.constantFrom('eur', 'EURO', '€', ''));
  if (field === 'mitilenaInvoiceId' || field === 'yourPaymentId' || field === 'secretKey' || field === 'stableCoinSymbol') return fc.oneof(notString, fc.constant(''));
  return notString;
}

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__');

/** A notice with the right key that is broken in at least one required field, plus noise. */
const brokenGenuine = fc
  .record({
    sale: fc.integer({ min: 0, max: 2 }),
    broken: fc.uniqueArray(fc.constantFrom(...REQUIRED_FIELDS), { minLength: 1, maxLength: 4 }),
    removeInstead: fc.boolean(),
    extra: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), hostileKey), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  })
  .chain(({ sale, broken, removeInstead, extra }) =>
    fc.tuple(...broken.map((field) => wrongTypeFor(field))).map((values) => {
      const statusObj: Record<string, unknown> = { ...paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj, ...extra };
      broken.forEach((field, i) => {
        if (removeInstead || field === 'secretKey') delete statusObj[field];
        else statusObj[field] = values[i];
      });
      return JSON.stringify({ statusObj });
    }),
  );

/** Anything at all, sent with a wrong or missing key. */
const anyBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.integer({ min: 0, max: 2 }).map((sale) => JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY))),
  fc.string({ maxLength: 200 }),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  fc.constant(`{"statusObj":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`),
  fc.nat({ max: 4000 }).map((n) => `{"statusObj":{"yourProductName":"${"x".repeat(n * 30)}"}}`),
);

type Case = { headers: Record<string, string>; body: Buffer | string | (Buffer | string)[]; method?: string };

const json = { 'content-type': 'application/json' };

const cases: fc.Arbitrary<Case> = fc.oneof(
  // Genuine key, broken notice.
  brokenGenuine.map((body) => ({ headers: { ...json, 'mitilena-signature': RIG_KEY }, body })),
  // Wrong, missing or near-miss key.
  fc.tuple(anyBody, fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(`${RIG_KEY}0`, `x${RIG_KEY}`, RIG_KEY.toUpperCase(), RIG_KEY.slice(0, -1))), { nil: undefined })).map(([body, signature]) => ({
    headers: signature === undefined ? json : { ...json, 'mitilena-signature': signature.replace(/[^\x20-\x7e]/g, '') },
    body,
  })),
  // Invalid UTF-8 inside an otherwise genuine-looking body.
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => ({
    headers: { ...json, 'mitilena-signature': RIG_KEY },
    body: Buffer.concat([Buffer.from('{"statusObj":{"yourProductName":"'), Buffer.from([0xff, 0xfe, ...bytes]), Buffer.from('"}}')]),
  })),
  // Duplicate keys: the last statusObj is broken.
  fc.integer({ min: 0, max: 2 }).map((sale) => ({
    headers: { ...json, 'mitilena-signature': RIG_KEY },
    body: `{"statusObj":${JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj)},"statusObj":{"wasPaid":true}}`,
  })),
  // Numbers as strings and back: ids and codes as numbers, the flag as text. (Amounts as JSON
  // numbers are accepted, as the guide's own receiver does, so they are not refusals.)
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('mitilenaInvoiceId', 'yourPaymentId', 'localCurrencyCode', 'secretKey'), fc.integer()).map(([sale, field, number]) => {
    const statusObj: Record<string, unknown> = { ...paidNoticeFor(sales[sale] as Sale, RIG_KEY).statusObj, wasPaid: 'true' };
    statusObj[field] = number;
    return { headers: { ...json, 'mitilena-signature': RIG_KEY }, body: JSON.stringify({ statusObj }) };
  }),
  // Wrong content types with a genuine body.
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '')).map(([sale, type]) => ({
    headers: { 'content-type': type, 'mitilena-signature': RIG_KEY },
    body: JSON.stringify(paidNoticeFor(sales[sale] as Sale, RIG_KEY)),
  })),
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
  // Other methods.
  fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS').map((method) => ({ headers: { ...json, 'mitilena-signature': RIG_KEY }, body: '', method })),
);

const NOTICES_PER_RUN = 10_000;

describe('webhook listener under fuzzing', () => {
  it(`answers ${NOTICES_PER_RUN} hostile or broken notices with a 4xx and changes nothing`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(cases, async (fuzz) => {
        const answer = await rawPost(rig.listener.localUrl, fuzz.headers, fuzz.body, fuzz.method);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        return answer.status >= 400 && answer.status < 500;
      }),
      { numRuns: NOTICES_PER_RUN },
    );
    expect(rig.snapshot()).toBe(before);
    // The fuzzer reached every kind of refusal, not just the first check.
    expect([...statuses.keys()].sort()).toEqual([400, 401, 405, 413, 415]);
  }, 180_000);

  it('still takes a genuine notice after the fuzzing', async () => {
    const sale = sales[0] as Sale;
    const answer = await rawPost(rig.listener.localUrl, { ...json, 'mitilena-signature': RIG_KEY }, JSON.stringify(paidNoticeFor(sale, RIG_KEY)));
    expect(answer.status).toBe(200);
    expect(rig.store.getSale(sale.id)?.status).toBe('paid');
  });
});
