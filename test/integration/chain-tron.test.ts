import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTronGridReader } from '../../electron/pos/chain/tron';
import type { Transfer } from '../../electron/pos/chain/types';
import type { Result } from '../../shared/result';
import { startTronGridDouble, tronAddress, tronTxId, USDT_TRC20, type ChainTransfer, type ExplorerDouble } from '../helpers/explorers';

const API_KEY = 'tg-key-5f1c9a7e-secret';
const SHOP = tronAddress('shop');
const PAYER = tronAddress('payer');
const SINCE = new Date(Date.now() - 2 * 60 * 60 * 1000);

let tron: ExplorerDouble;
beforeAll(async () => {
  tron = await startTronGridDouble();
});
afterAll(() => tron.close());
afterEach(() => {
  tron.transfers.length = 0;
  tron.requests.length = 0;
  tron.faults.length = 0;
  tron.alwaysFault = null;
  tron.maxPageSize = 200;
});

function reader(options: { timeoutMs?: number; minIntervalMs?: number; retries?: number; baseUrl?: string } = {}) {
  return createTronGridReader({
    baseUrl: options.baseUrl ?? tron.baseUrl,
    apiKey: API_KEY,
    timeoutMs: options.timeoutMs ?? 2000,
    minIntervalMs: options.minIntervalMs ?? 5,
    rateLimitRetries: options.retries ?? 3,
    rateLimitBackoffMs: 30,
    // TronGrid announces a 30 s suspension; the tests shorten every wait to 80 ms.
    rateLimitBackoffCapMs: 80,
  });
}

function usdt(seed: string, value: string, minutesAgo: number, to = SHOP): ChainTransfer {
  return { hash: tronTxId(seed), from: PAYER, to, contract: USDT_TRC20, value, decimals: 6, symbol: 'USDT', timestampMs: Date.now() - minutesAgo * 60_000 };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected a failure');
  expect(result.error.message).not.toContain(API_KEY);
  expect(result.error.message).not.toContain('127.0.0.1');
  return result.error;
}

describe('TronGrid reader: incoming TRC20 transfers', () => {
  it('asks the documented endpoint with the key header and reads the transfers exactly', async () => {
    tron.transfers.push(usdt('a', '13571234', 30), usdt('old', '13571234', 60 * 24 * 3), usdt('out', '5000000', 10, PAYER));
    const transfers = value(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(transfers).toEqual<Transfer[]>([
      { hash: tronTxId('a'), from: PAYER, to: SHOP, contract: USDT_TRC20, amountBaseUnits: 13_571_234n, decimals: 6, at: expect.any(Date) as Date },
    ]);
    const [request] = tron.requests;
    expect(request?.path).toBe(`/v1/accounts/${SHOP}/transactions/trc20`);
    expect(request?.headers['tron-pro-api-key']).toBe(API_KEY);
    expect(request?.query.get('only_to')).toBe('true');
    expect(request?.query.get('contract_address')).toBe(USDT_TRC20);
    expect(request?.query.get('min_timestamp')).toBe(String(SINCE.getTime()));
    expect(request?.query.get('limit')).toBe('200');
  });

  it('follows the fingerprint across pages, keeping the other filters', async () => {
    for (let i = 0; i < 7; i++) tron.transfers.push(usdt(`p${i}`, String(1_000_000 + i), 5 + i));
    tron.maxPageSize = 3;
    const transfers = value(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(transfers.map((t) => t.amountBaseUnits).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => BigInt(1_000_000 + i)));
    expect(tron.requests).toHaveLength(3);
    expect(tron.requests[1]?.query.get('fingerprint')).toBeTruthy();
    expect(tron.requests[2]?.query.get('contract_address')).toBe(USDT_TRC20);
  });

  it('stops after a bounded number of pages and says so', async () => {
    for (let i = 0; i < 12; i++) tron.transfers.push(usdt(`many${i}`, '1000000', 1 + i));
    tron.maxPageSize = 1;
    const error = failure(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(error.code).toBe('explorer-error');
    expect(error.message).toMatch(/stopped searching/);
    expect(tron.requests).toHaveLength(10);
  });

  it('waits out TronGrid\'s documented 403 "suspended for 30s" answer, spacing its requests, then answers', async () => {
    tron.transfers.push(usdt('a', '13571234', 30));
    tron.faults.push({ kind: 'rate-limit' }, { kind: 'rate-limit' });
    const transfers = value(await reader({ minIntervalMs: 50 }).transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(transfers).toHaveLength(1);
    expect(tron.requests).toHaveLength(3);
    const gaps = tron.requests.slice(1).map((r, i) => r.atMs - (tron.requests[i]?.atMs ?? 0));
    // The announced 30 s, capped to 80 ms here; never closer than the 50 ms spacing either.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(78);
  });

  it('also recognises the keyed 503 and a bare 429 as "slow down", not as failures', async () => {
    for (const rateLimitAs of ['key-503', 'http-429'] as const) {
      const double = await startTronGridDouble({ rateLimitAs });
      try {
        double.transfers.push(usdt('a', '13571234', 30));
        double.faults.push({ kind: 'rate-limit' });
        const transfers = value(await reader({ baseUrl: double.baseUrl }).transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
        expect(transfers).toHaveLength(1);
        expect(double.requests).toHaveLength(2);
      } finally {
        await double.close();
      }
    }
  });

  it('gives up after a bounded number of rate-limit answers with a sentence an owner understands', async () => {
    tron.alwaysFault = { kind: 'rate-limit' };
    const error = failure(await reader({ retries: 2 }).transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(error.code).toBe('explorer-error');
    expect(error.message).toMatch(/TronGrid keeps refusing: too many requests/);
    expect(tron.requests).toHaveLength(3);
  });

  it('times out on an explorer that never answers', async () => {
    tron.faults.push({ kind: 'hang' });
    const error = failure(await reader({ timeoutMs: 300 }).transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(error.code).toBe('explorer-unreachable');
    expect(error.message).toBe('TronGrid did not answer within 0.3 s. The counter will look again later; no payment is lost.');
  });

  it('reports broken JSON, an HTML error page and an unreachable host plainly', async () => {
    tron.faults.push({ kind: 'malformed' });
    expect(failure(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE })).message).toMatch(/not JSON/);
    tron.faults.push({ kind: 'http-error', status: 502 });
    const html = failure(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(html.message).toMatch(/HTTP 502/);
    expect(html.message).not.toMatch(/<html/);
    const down = failure(await reader({ baseUrl: 'http://127.0.0.1:9' }).transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(down.code).toBe('explorer-unreachable');
  });

  it('refuses an answer in another shape rather than guessing', async () => {
    tron.transfers.push({ ...usdt('a', '13571234', 30), value: '13.571234' });
    const error = failure(await reader().transfersTo(SHOP, { contract: USDT_TRC20, since: SINCE }));
    expect(error.message).toMatch(/unexpected format/);
  });
});

describe('TronGrid reader: one transaction', () => {
  it('reads the Transfer event of a hash, converting its hex addresses to base58', async () => {
    tron.transfers.push(usdt('a', '13571234', 30));
    const transfers = value(await reader().transferByHash(tronTxId('a')));
    expect(transfers).toEqual([
      { hash: tronTxId('a'), from: PAYER, to: SHOP, contract: USDT_TRC20, amountBaseUnits: 13_571_234n, decimals: 6, at: expect.any(Date) as Date },
    ]);
    expect(tron.requests[0]?.path).toBe(`/v1/transactions/${tronTxId('a')}/events`);
  });

  it('answers null for a hash the explorer does not know, or one that cannot exist', async () => {
    expect(value(await reader().transferByHash(tronTxId('nobody')))).toBeNull();
    expect(value(await reader().transferByHash('not-a-hash'))).toBeNull();
    expect(tron.requests).toHaveLength(1);
  });
});
