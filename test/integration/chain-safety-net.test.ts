// Issue 9, item 9: the desktop app watches TRC20 payments through TronGrid's public endpoint by
// default (no key), which the owner can switch off; browser mode and tests call no explorer they
// were not given; and where a network is not watched, Settings and the status bar say so. The public
// endpoint is never contacted: its address is routed to a loopback TronGrid double that records it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRON_API } from '../../electron/pos/chain/options';
import { startCore, type CoreOptions, type RunningCore } from '../../electron/pos/core';
import { startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { startTronGridDouble, type ExplorerDouble } from '../helpers/explorers';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const API_KEY = 'live-KEY-safety-net-0a9b8c7d6e5f4a3b';

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let tron: ExplorerDouble;
let core: RunningCore | null = null;
/** Every URL the core asked for outside loopback. */
let outside: string[];

beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  gateway.answerWith({ kind: 'fresh-invoice' });
  proxy = await startPublicProxy();
  tron = await startTronGridDouble();
  outside = [];
});

afterEach(async () => {
  await core?.close();
  core = null;
  await Promise.all([gateway.close(), proxy.close(), tron.close()]);
  dir.remove();
});

/** The public TronGrid address answered by the double; anything else off loopback is recorded and refused. */
const routedFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.startsWith('http://127.0.0.1')) return fetch(input, init);
  outside.push(url);
  if (url.startsWith(DEFAULT_TRON_API)) return fetch(tron.baseUrl + url.slice(DEFAULT_TRON_API.length), init);
  return Promise.reject(new TypeError('fetch failed: no internet in tests'));
};

async function start(options: Partial<CoreOptions> = {}): Promise<RunningCore> {
  const running = await startCore({ dataDir: dir.path, secrets: memorySecrets({ apiKey: API_KEY }), gatewayUrl: gateway.baseUrl, publicUrl: proxy.url, fetch: routedFetch, tunnel: { reachabilityTimeoutMs: 1000 }, ...options });
  proxy.target = new URL(running.webhookLocalUrl).origin;
  core = running;
  await expect.poll(() => running.status().reachability.state, { timeout: 5000 }).toBe('reachable');
  return running;
}

describe('the chain safety net', () => {
  it('is on by default in the desktop app: TRC20 is watched through the public TronGrid, without a key, until the owner switches it off', async () => {
    const running = await start({ publicExplorers: true });
    expect(Object.keys(running.chain.readers)).toEqual(['tether-trc20']);
    expect(running.status().warnings.join(' ')).not.toMatch(/not watched/);
    expect((await running.handlers.getSettings({})).ok && (await running.handlers.getSettings({}))).toMatchObject({ value: { publicTronGrid: true, chainNote: null } });

    const sale = await running.handlers.startSale({ amount: '3.00' });
    expect(sale.ok).toBe(true);
    await running.chain.recover('timer');
    const lookups = outside.filter((url) => url.startsWith(`${DEFAULT_TRON_API}/v1/`));
    expect(lookups.length).toBeGreaterThan(0);
    expect(tron.requests.every((request) => request.headers['tron-pro-api-key'] === undefined)).toBe(true);

    const off = await running.handlers.updateSettings({ publicTronGrid: false });
    expect(off.ok && off.value).toMatchObject({ publicTronGrid: false, chainNote: expect.stringMatching(/cannot be recovered on Tron \(TRC20\)/) });
    expect(running.chain.readers).toEqual({});
    expect(running.status().warnings.join(' ')).toMatch(/Payments on Tron \(TRC20\) are not watched on the blockchain/);
    const before = outside.length;
    await running.chain.recover('timer');
    expect(outside.length).toBe(before);
  });

  it('calls no explorer in browser mode (and tests) unless told to, and says what that costs', async () => {
    const running = await start();
    expect(running.chain.readers).toEqual({});
    expect(running.status().warnings.join(' ')).toMatch(/Payments on Tron \(TRC20\) are not watched on the blockchain, so a lost payment notice cannot be recovered/);
    await running.handlers.startSale({ amount: '3.00' });
    await running.chain.recover('timer');
    expect(outside).toEqual([]);
  });

  it('tells the owner that ERC20 and BEP20 notices cannot be recovered without an Etherscan key', async () => {
    const running = await start({ publicExplorers: true });
    for (const blockchain of ['tether-erc20', 'tether-bep20'] as const) {
      const saved = await running.handlers.updateSettings({ blockchain });
      const network = blockchain === 'tether-erc20' ? 'Ethereum \\(ERC20\\)' : 'BNB Smart Chain \\(BEP20\\)';
      expect(saved.ok && saved.value.chainNote).toMatch(new RegExp(`without an Etherscan API key, so a lost payment notice cannot be recovered on ${network}`));
      expect(running.status().warnings.join(' ')).toMatch(/Add a free Etherscan key in Settings/);
    }
    const keyed = await running.handlers.updateSettings({ etherscanApiKey: 'ETHERSCANkey0123456789ABCDEF' });
    expect(keyed.ok && keyed.value.chainNote).toBeNull();
    expect(running.status().warnings.join(' ')).not.toMatch(/Etherscan/);
  });
});
