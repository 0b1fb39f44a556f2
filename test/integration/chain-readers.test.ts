import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainReaders } from '../../electron/pos/chain/readers';
import { ETHERSCAN_MIN_INTERVAL_MS } from '../../electron/pos/chain/rate-limit';
import { startEtherscanDouble, startTronGridDouble, tronAddress, USDT_BEP20, USDT_ERC20, USDT_TRC20, type ExplorerDouble } from '../helpers/explorers';

const SHOP_EVM = '0x9aF1b1C5c7b9E6f2f4A1d3c5E7b9A1c3E5f7A9b1';

let tron: ExplorerDouble;
let eth: ExplorerDouble;
beforeAll(async () => {
  tron = await startTronGridDouble();
  eth = await startEtherscanDouble();
});
afterAll(async () => {
  await Promise.all([tron.close(), eth.close()]);
});

describe('reader settings', () => {
  it('builds one reader per chain; ERC20 and BEP20 share the Etherscan key, chain ids and rate limit', async () => {
    const readers = createChainReaders({
      tronApi: tron.baseUrl, tronApiKey: 'tg-key', etherscanApi: `${eth.baseUrl}/v2/api`, etherscanApiKey: 'es-key',
    });
    expect(Object.keys(readers).sort()).toEqual(['tether-bep20', 'tether-erc20', 'tether-trc20']);
    const since = new Date(Date.now() - 60_000);
    await Promise.all([
      readers['tether-erc20']?.transfersTo(SHOP_EVM, { contract: USDT_ERC20, since }),
      readers['tether-bep20']?.transfersTo(SHOP_EVM, { contract: USDT_BEP20, since }),
      readers['tether-trc20']?.transfersTo(tronAddress('shop'), { contract: USDT_TRC20, since }),
    ]);
    expect(eth.requests.map((r) => r.query.get('chainid')).sort()).toEqual(['1', '56']);
    expect(eth.requests.every((r) => r.query.get('apikey') === 'es-key')).toBe(true);
    const [first, second] = eth.requests;
    // Two separate limiters would send both at once.
    expect((second?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(ETHERSCAN_MIN_INTERVAL_MS - 2);
    expect(tron.requests[0]?.headers['tron-pro-api-key']).toBe('tg-key');
  });

  it('builds no reader for an explorer turned off', () => {
    expect(createChainReaders({ tronApi: null, etherscanApi: null })).toEqual({});
  });
});
