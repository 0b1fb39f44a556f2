import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEtherscanReader } from '../../electron/pos/chain/etherscan';
import type { Result } from '../../shared/result';
import { evmAddress, evmHash, startEtherscanDouble, USDT_BEP20, USDT_ERC20, type ChainTransfer, type ExplorerDouble } from '../helpers/explorers';

const API_KEY = 'ES7QK2M9XWZ4PV1RT6';
const SHOP = '0x9aF1b1C5c7b9E6f2f4A1d3c5E7b9A1c3E5f7A9b1';
const PAYER = evmAddress('payer');
const SINCE = new Date(Date.now() - 2 * 60 * 60 * 1000);

let eth: ExplorerDouble;
let v2: ExplorerDouble;
let notokAs429: ExplorerDouble;
beforeAll(async () => {
  eth = await startEtherscanDouble();
  v2 = await startEtherscanDouble({ chainId: 56 });
  notokAs429 = await startEtherscanDouble({ rateLimitAs: 'http-429' });
});
afterAll(async () => {
  await Promise.all([eth.close(), v2.close(), notokAs429.close()]);
});
afterEach(() => {
  for (const double of [eth, v2, notokAs429]) {
    double.transfers.length = 0;
    double.requests.length = 0;
    double.faults.length = 0;
    double.alwaysFault = null;
    double.maxPageSize = 10_000;
  }
});

function erc20(options: { baseUrl?: string; timeoutMs?: number; minIntervalMs?: number } = {}) {
  return createEtherscanReader({
    blockchain: 'tether-erc20', baseUrl: options.baseUrl ?? `${eth.baseUrl}/api`, apiKey: API_KEY,
    timeoutMs: options.timeoutMs ?? 2000, minIntervalMs: options.minIntervalMs ?? 5, rateLimitBackoffMs: 30,
  });
}

function transfer(seed: string, value: string, minutesAgo: number, overrides: Partial<ChainTransfer> = {}): ChainTransfer {
  return { hash: evmHash(seed), from: PAYER, to: SHOP, contract: USDT_ERC20, value, decimals: 6, symbol: 'USDT', timestampMs: Date.now() - minutesAgo * 60_000, ...overrides };
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

describe('Etherscan reader: token transfers by address', () => {
  it('asks module=account&action=tokentx for the contract and keeps incoming transfers since the sale', async () => {
    eth.transfers.push(
      transfer('in', '13571234', 30),
      transfer('out', '1000000', 20, { from: SHOP, to: PAYER }),
      transfer('old', '13571234', 60 * 24 * 5),
      transfer('other-token', '13571234', 25, { contract: evmAddress('scam-token') }),
    );
    const transfers = value(await erc20().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }));
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      hash: evmHash('in'), from: PAYER, to: SHOP.toLowerCase(), contract: USDT_ERC20.toLowerCase(), amountBaseUnits: 13_571_234n, decimals: 6,
    });
    expect(transfers[0]?.confirmations).toBeGreaterThan(0);
    const query = eth.requests[0]?.query;
    expect(query?.get('module')).toBe('account');
    expect(query?.get('action')).toBe('tokentx');
    expect(query?.get('contractaddress')).toBe(USDT_ERC20);
    expect(query?.get('address')).toBe(SHOP);
    expect(query?.get('apikey')).toBe(API_KEY);
    expect(query?.get('sort')).toBe('desc');
  });

  it('reads "No transactions found" as an empty list, not an error', async () => {
    expect(value(await erc20().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }))).toEqual([]);
  });

  it('pages newest first and stops once a page reaches back past the sale', async () => {
    for (let i = 0; i < 250; i++) eth.transfers.push(transfer(`p${i}`, String(1_000_000 + i), 1 + i * 0.2));
    eth.transfers.push(transfer('before', '1', 60 * 24 * 3));
    const transfers = value(await erc20().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }));
    expect(transfers).toHaveLength(250);
    expect(eth.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('reads BEP20 USDT with its 18 decimals through Etherscan v2 with chainid 56', async () => {
    v2.transfers.push(transfer('bsc', '13571234000000000000', 30, { contract: USDT_BEP20, decimals: 18 }));
    const reader = createEtherscanReader({ blockchain: 'tether-bep20', baseUrl: `${v2.baseUrl}/v2/api`, chainId: 56, minIntervalMs: 5 });
    expect(reader.explorer).toBe('Etherscan');
    const transfers = value(await reader.transfersTo(SHOP, { contract: USDT_BEP20, since: SINCE }));
    expect(transfers[0]).toMatchObject({ amountBaseUnits: 13_571_234_000_000_000_000n, decimals: 18 });
    expect(v2.requests[0]?.query.get('chainid')).toBe('56');
    expect(v2.requests[0]?.query.has('apikey')).toBe(false);
  });

  it('passes on the explorer refusal when the chainid is missing', async () => {
    const reader = createEtherscanReader({ blockchain: 'tether-bep20', baseUrl: `${v2.baseUrl}/v2/api`, minIntervalMs: 5 });
    expect(reader.explorer).toBe('BscScan');
    const error = failure(await reader.transfersTo(SHOP, { contract: USDT_BEP20, since: SINCE }));
    expect(error.code).toBe('explorer-error');
    expect(error.message).toMatch(/^BscScan could not answer: Missing or unsupported chainid/);
  });

  it('waits out the documented NOTOK rate-limit answer, then reads the transfers', async () => {
    eth.transfers.push(transfer('in', '13571234', 30));
    eth.faults.push({ kind: 'rate-limit' }, { kind: 'rate-limit' });
    const transfers = value(await erc20({ minIntervalMs: 50 }).transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }));
    expect(transfers).toHaveLength(1);
    expect(eth.requests).toHaveLength(3);
    for (let i = 1; i < eth.requests.length; i++) {
      expect((eth.requests[i]?.atMs ?? 0) - (eth.requests[i - 1]?.atMs ?? 0)).toBeGreaterThanOrEqual(45);
    }
  });

  it('also waits out a bare HTTP 429, and gives up after a bounded number of refusals', async () => {
    notokAs429.faults.push({ kind: 'rate-limit' });
    const reader = () => createEtherscanReader({ blockchain: 'tether-erc20', baseUrl: `${notokAs429.baseUrl}/api`, apiKey: API_KEY, minIntervalMs: 5, rateLimitBackoffMs: 10, rateLimitRetries: 2 });
    expect(value(await reader().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }))).toEqual([]);
    expect(notokAs429.requests).toHaveLength(2);
    notokAs429.requests.length = 0;
    notokAs429.alwaysFault = { kind: 'rate-limit' };
    const error = failure(await reader().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE }));
    expect(error.message).toMatch(/Etherscan keeps refusing: too many requests/);
    expect(notokAs429.requests).toHaveLength(3);
  });

  it('times out, and reports broken JSON', async () => {
    eth.faults.push({ kind: 'hang' });
    expect(failure(await erc20({ timeoutMs: 250 }).transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE })).code).toBe('explorer-unreachable');
    eth.faults.push({ kind: 'malformed' });
    expect(failure(await erc20().transfersTo(SHOP, { contract: USDT_ERC20, since: SINCE })).message).toMatch(/not JSON/);
  });
});

describe('Etherscan reader: one transaction receipt', () => {
  it('reads the Transfer logs of a receipt (topic0 ddf252ad…)', async () => {
    eth.transfers.push(transfer('in', '13571234', 30));
    const transfers = value(await erc20().transferByHash(evmHash('in')));
    expect(transfers).toEqual([
      { hash: evmHash('in'), from: PAYER, to: SHOP.toLowerCase(), contract: USDT_ERC20.toLowerCase(), amountBaseUnits: 13_571_234n, decimals: 6, at: null },
    ]);
    const query = eth.requests[0]?.query;
    expect(query?.get('module')).toBe('proxy');
    expect(query?.get('action')).toBe('eth_getTransactionReceipt');
    expect(query?.get('txhash')).toBe(evmHash('in'));
  });

  it('answers null for an unknown hash', async () => {
    expect(value(await erc20().transferByHash(evmHash('nobody')))).toBeNull();
  });

  it('waits out a rate-limit answer on the receipt lookup too', async () => {
    eth.transfers.push(transfer('in', '13571234', 30));
    eth.faults.push({ kind: 'rate-limit' });
    expect(value(await erc20().transferByHash(evmHash('in')))).toHaveLength(1);
    expect(eth.requests).toHaveLength(2);
  });
});
