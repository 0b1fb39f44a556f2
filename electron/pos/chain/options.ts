// What the chain watch runs with, resolved in one place: browser-mode flags (or a test's options) win
// field by field over the owner's saved Settings and keys; the desktop app adds TronGrid's
// public endpoint unless the owner switched it off; a key given without an address means the
// explorer's public address. No address and no key: no reader, so no explorer is ever called.
import type { ChainSettings } from '../settings/owner-settings';
import type { ChainReaders } from './recovery';

export const DEFAULT_TRON_API = 'https://api.trongrid.io';
/** Etherscan API v2: one endpoint and one key for every chain, picked by chainid. */
export const DEFAULT_ETHERSCAN_API = 'https://api.etherscan.io/v2/api';

/** Given at start (browser-mode flags and environment, or a test); wins over the saved settings. */
export interface ChainOptions {
  /** TronGrid base URL. */
  tronApi?: string | null;
  tronApiKey?: string;
  /** Etherscan v2 endpoint. */
  etherscanApi?: string | null;
  etherscanApiKey?: string;
  /** Check paid notices against the chain (default true; only live sales are ever checked). */
  confirm?: boolean;
  /** Recovery timer (default 10 minutes). */
  intervalMs?: number;
  /** Per-request explorer timeout (default 10 s). */
  timeoutMs?: number;
  /** Unknown-hash lookups before a notice's transaction counts as unknown, and the wait between them. */
  unknownHashRetries?: number;
  unknownHashDelayMs?: number;
  /** The readers themselves (tests); win over everything else. */
  readers?: ChainReaders;
}

/** The options in force: addresses settled (null: that explorer is off), keys, and the rest as given. */
export interface ResolvedChainOptions extends Omit<ChainOptions, 'tronApi' | 'etherscanApi' | 'confirm'> {
  tronApi: string | null;
  etherscanApi: string | null;
  confirm: boolean;
}

/**
 * Browser mode's flags. The explorer keys in the environment (TRONGRID_API_KEY, ETHERSCAN_API_KEY)
 * arrive with the saved settings: browser mode's secret store reads the environment first.
 */
export function chainOptionsFromFlags(flags: { tronApi?: string; etherscanApi?: string; noChainConfirm?: boolean; chainIntervalMs?: number }): ChainOptions {
  return {
    ...(flags.tronApi ? { tronApi: flags.tronApi } : {}),
    ...(flags.etherscanApi ? { etherscanApi: flags.etherscanApi } : {}),
    confirm: !flags.noChainConfirm,
    ...(flags.chainIntervalMs ? { intervalMs: flags.chainIntervalMs } : {}),
  };
}

/** `given` (flags, environment, tests) over `saved` (Settings); `publicExplorers` is the desktop app's safety net. */
export function resolveChainOptions(given: ChainOptions | undefined, saved: ChainSettings, publicExplorers = false): ResolvedChainOptions {
  const flags = given ?? {};
  // Readers given by a test are used as they are, with confirmation as the test says.
  if (flags.readers) return { ...flags, tronApi: null, etherscanApi: null, confirm: flags.confirm !== false };
  const tronApiKey = flags.tronApiKey ?? saved.trongridApiKey ?? undefined;
  const etherscanApiKey = flags.etherscanApiKey ?? saved.etherscanApiKey ?? undefined;
  const publicTron = publicExplorers && saved.publicTronGrid ? DEFAULT_TRON_API : null;
  return {
    ...flags,
    tronApi: flags.tronApi ?? saved.tronApi ?? publicTron ?? (tronApiKey ? DEFAULT_TRON_API : null),
    etherscanApi: flags.etherscanApi ?? saved.etherscanApi ?? (etherscanApiKey ? DEFAULT_ETHERSCAN_API : null),
    ...(tronApiKey ? { tronApiKey } : {}),
    ...(etherscanApiKey ? { etherscanApiKey } : {}),
    // A flag can only switch confirmation off, never on against the owner's setting.
    confirm: flags.confirm !== false && saved.chainConfirm,
  };
}
