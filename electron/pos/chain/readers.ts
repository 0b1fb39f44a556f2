// Resolved options → readers: one per chain whose explorer has an address, and an Etherscan v2 key
// shared by Ethereum and BNB Smart Chain (so is its rate limit). The addresses are settled in options.ts.
import { createEtherscanReader } from './etherscan';
import { createRateLimiter, ETHERSCAN_MIN_INTERVAL_MS, TRONGRID_KEYLESS_MIN_INTERVAL_MS } from './rate-limit';
import type { ChainReaders } from './recovery';
import { createTronGridReader } from './tron';

export const ETHEREUM_CHAIN_ID = 1;
export const BNB_SMART_CHAIN_ID = 56;

export interface ChainReaderSettings {
  /** TronGrid base URL (without /v1); null turns TRC20 checks off. */
  tronApi: string | null;
  tronApiKey?: string;
  /** Etherscan v2 endpoint (…/v2/api); null turns ERC20 and BEP20 checks off. */
  etherscanApi: string | null;
  etherscanApiKey?: string;
}

export function createChainReaders(settings: ChainReaderSettings, deps: { fetch?: typeof fetch; timeoutMs?: number } = {}): ChainReaders {
  const readers: ChainReaders = {};
  const common = { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }) };
  if (settings.tronApi) {
    // Without a key TronGrid limits by address and blocks for 30 s when exceeded: one request a second.
    const access = settings.tronApiKey ? { apiKey: settings.tronApiKey } : { minIntervalMs: TRONGRID_KEYLESS_MIN_INTERVAL_MS };
    readers['tether-trc20'] = createTronGridReader({ baseUrl: settings.tronApi, ...common, ...access });
  }
  if (settings.etherscanApi) {
    // Etherscan counts requests per key across chains: both readers wait in one queue.
    const limiter = createRateLimiter({ minIntervalMs: ETHERSCAN_MIN_INTERVAL_MS });
    const key = settings.etherscanApiKey ? { apiKey: settings.etherscanApiKey } : {};
    readers['tether-erc20'] = createEtherscanReader({ blockchain: 'tether-erc20', baseUrl: settings.etherscanApi, chainId: ETHEREUM_CHAIN_ID, limiter, ...key, ...common });
    readers['tether-bep20'] = createEtherscanReader({ blockchain: 'tether-bep20', baseUrl: settings.etherscanApi, chainId: BNB_SMART_CHAIN_ID, limiter, ...key, ...common });
  }
  return readers;
}
