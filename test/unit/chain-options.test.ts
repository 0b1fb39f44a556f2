// The chain watch's options resolved in one place: flags over saved settings, the desktop app's public
// TronGrid, a key without an address meaning the explorer's public address, and no address and no key
// meaning no explorer at all.
import { describe, expect, it } from 'vitest';
import { chainOptionsFromFlags, DEFAULT_ETHERSCAN_API, DEFAULT_TRON_API, resolveChainOptions } from '../../electron/pos/chain/options';
import type { ChainSettings } from '../../electron/pos/settings/owner-settings';

const SAVED: ChainSettings = { tronApi: null, etherscanApi: null, chainConfirm: true, publicTronGrid: true, trongridApiKey: null, etherscanApiKey: null };

describe('chain options', () => {
  it('calls no explorer when nothing names one (browser mode and tests)', () => {
    expect(resolveChainOptions(undefined, SAVED)).toMatchObject({ tronApi: null, etherscanApi: null, confirm: true });
  });

  it('watches TRC20 through TronGrid\'s public endpoint in the desktop app unless the owner switched it off', () => {
    expect(resolveChainOptions(undefined, SAVED, true).tronApi).toBe(DEFAULT_TRON_API);
    expect(resolveChainOptions(undefined, { ...SAVED, publicTronGrid: false }, true).tronApi).toBeNull();
  });

  it('takes a key without an address as the explorer\'s public address', () => {
    const resolved = resolveChainOptions(undefined, { ...SAVED, trongridApiKey: 'tg-key', etherscanApiKey: 'es-key' });
    expect(resolved).toMatchObject({ tronApi: DEFAULT_TRON_API, tronApiKey: 'tg-key', etherscanApi: DEFAULT_ETHERSCAN_API, etherscanApiKey: 'es-key' });
  });

  it('lets flags win field by field, and only ever switch confirmation off', () => {
    const saved = { ...SAVED, tronApi: 'https://saved-tron.example', etherscanApi: 'https://saved-eth.example/v2/api', chainConfirm: false };
    const flags = chainOptionsFromFlags({ tronApi: 'http://127.0.0.1:4100', chainIntervalMs: 500 });
    expect(resolveChainOptions(flags, saved)).toMatchObject({ tronApi: 'http://127.0.0.1:4100', etherscanApi: 'https://saved-eth.example/v2/api', intervalMs: 500, confirm: false });
    expect(resolveChainOptions(chainOptionsFromFlags({ noChainConfirm: true }), SAVED).confirm).toBe(false);
  });

  it('uses readers a test gives as they are', () => {
    const readers = {};
    expect(resolveChainOptions({ readers }, { ...SAVED, tronApi: 'https://saved.example' }, true)).toMatchObject({ readers, tronApi: null, etherscanApi: null, confirm: true });
  });
});
