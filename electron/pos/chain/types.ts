// What the counter needs from a block explorer, behind one small interface, so recovery and
// confirmation never care whether TronGrid or an Etherscan-style API answered.
import type { Blockchain } from '../../../shared/mitilena';
import type { Result } from '../../../shared/result';

/** One token transfer as the chain recorded it. Amounts stay in base units: never a float. */
export interface Transfer {
  /** Transaction hash: Tron 64 hex without 0x, EVM 0x + 64 hex, both lowercase. */
  hash: string;
  from: string;
  to: string;
  /** The token contract that moved: Tron base58, EVM lowercase 0x hex. */
  contract: string;
  amountBaseUnits: bigint;
  /** Decimals as the explorer or the token table says; null when neither knows the contract. */
  decimals: number | null;
  /** Block time; null when the lookup used does not carry it (an EVM receipt). */
  at: Date | null;
  confirmations?: number;
}

export interface TransfersQuery {
  /** Token contract to search, in the chain's own address form. */
  contract: string;
  /** Only transfers in blocks at or after this time. */
  since: Date;
}

export interface ChainReader {
  readonly blockchain: Blockchain;
  /** Name owners see in messages ("TronGrid", "Etherscan"). */
  readonly explorer: string;
  /** Incoming transfers of one token to an address, newest first, bounded paging. */
  transfersTo(address: string, query: TransfersQuery): Promise<Result<Transfer[]>>;
  /** The token transfers inside one transaction; null when the explorer does not know the hash. */
  transferByHash(hash: string): Promise<Result<Transfer[] | null>>;
}

export type AddressKind = 'tron' | 'evm';

export interface TokenSpec {
  blockchain: Blockchain;
  symbol: string;
  contract: string;
  decimals: number;
  addressKind: AddressKind;
}

/**
 * The tokens whose contract and decimals are known (CONTRACT.md). VMT (mitilena-own) has no
 * published contract and APFC no published decimals, so the chain cannot vouch for them.
 */
export const TOKENS: Readonly<Partial<Record<Blockchain, TokenSpec>>> = {
  'tether-trc20': { blockchain: 'tether-trc20', symbol: 'USDT', contract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', decimals: 6, addressKind: 'tron' },
  'tether-erc20': { blockchain: 'tether-erc20', symbol: 'USDT', contract: '0xdac17f958d2ee523a2206206994597c13d831ec7', decimals: 6, addressKind: 'evm' },
  'tether-bep20': { blockchain: 'tether-bep20', symbol: 'USDT', contract: '0x55d398326f99059ff775485246999027b3197955', decimals: 18, addressKind: 'evm' },
};

export function tokenFor(blockchain: Blockchain): TokenSpec | null {
  return TOKENS[blockchain] ?? null;
}

/** Decimals of a known contract on a chain kind, or null. */
export function knownDecimals(contract: string, kind: AddressKind): number | null {
  const wanted = normalizeAddress(contract, kind);
  for (const token of Object.values(TOKENS)) {
    if (token && token.addressKind === kind && token.contract === wanted) return token.decimals;
  }
  return null;
}

const TRON_ADDRESS = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;
const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function isAddress(value: string, kind: AddressKind): boolean {
  return kind === 'tron' ? TRON_ADDRESS.test(value) : EVM_ADDRESS.test(value);
}

/** EVM hex is case-insensitive (the mixed case is only a checksum); Tron base58 is case-sensitive. */
export function normalizeAddress(value: string, kind: AddressKind): string {
  const trimmed = value.trim();
  return kind === 'evm' ? trimmed.toLowerCase() : trimmed;
}

/** A transaction hash in the form the readers return, or null when it cannot be one. */
export function normalizeHash(value: string, kind: AddressKind): string | null {
  const bare = value.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(bare)) return null;
  return kind === 'tron' ? bare : `0x${bare}`;
}
