// What the chain watch can and cannot do, in words for the owner: per network (Settings and the status
// bar), and the payments it recovered since the counter started.
import { NETWORKS, type Blockchain } from '../../../shared/mitilena';
import type { ResolvedChainOptions } from './options';
import type { ChainReaders } from './recovery';

/** Why lost notices cannot be recovered on a network, and what would fix it; null when they can. */
export function coverageNote(blockchain: Blockchain, readers: ChainReaders, options: Pick<ResolvedChainOptions, 'etherscanApiKey' | 'readers'>): string | null {
  const { network } = NETWORKS[blockchain];
  const cannot = `a lost payment notice cannot be recovered on ${network}`;
  if (blockchain === 'tether-trc20') {
    return readers[blockchain] ? null : `Payments on ${network} are not watched on the blockchain, so ${cannot}. Set a TronGrid address or key in Settings (Block explorers).`;
  }
  if (blockchain === 'tether-erc20' || blockchain === 'tether-bep20') {
    if (readers[blockchain] && (options.etherscanApiKey || options.readers)) return null;
    return `Payments on ${network} are not watched on the blockchain without an Etherscan API key, so ${cannot}. Add a free Etherscan key in Settings (Block explorers).`;
  }
  return `The counter cannot look up ${NETWORKS[blockchain].token} payments on the blockchain, so ${cannot}.`;
}

export function recoveryWarning(count: number): string | null {
  if (count === 0) return null;
  return count === 1
    ? '1 payment recovered from the blockchain since the counter started (its notice never arrived): see History'
    : `${count} payments recovered from the blockchain since the counter started (their notices never arrived): see History`;
}
