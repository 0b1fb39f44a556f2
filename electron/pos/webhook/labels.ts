// The notice's labels (network, token, currency) decide nothing on their own: the invoice id and the
// exact amounts do. A label is only used to spot a payment that clearly went somewhere else, so each
// is placed as 'ours', 'other' (clearly names something else) or 'unplaced' (empty or unrecognised).
import type { Blockchain } from '../../../shared/mitilena';

export type Placement = 'ours' | 'other' | 'unplaced';

type Network = 'tron' | 'ethereum' | 'bsc' | 'mitilena' | 'elsewhere';

/** The network each invoice code settles on. */
const INVOICE_NETWORK: Readonly<Record<Blockchain, Network>> = {
  'tether-trc20': 'tron',
  'tether-erc20': 'ethereum',
  'tether-bep20': 'bsc',
  'mitilena-own': 'mitilena',
  apfcoin: 'ethereum',
};

/**
 * Words that name a network, after lower-casing and splitting on anything not a letter or digit
 * ("USDT-TRC20" → usdt, trc20; "trc-20" → trc, 20, read as trc20). Token names (usdt, tether) and
 * filler (chain, network, mainnet) name no network and are skipped.
 */
const NETWORK_WORDS: Readonly<Record<string, Network>> = {
  trc20: 'tron', trc: 'tron', tron: 'tron', trx: 'tron', tronnetwork: 'tron',
  erc20: 'ethereum', erc: 'ethereum', eth: 'ethereum', ethereum: 'ethereum', ether: 'ethereum',
  bep20: 'bsc', bsc: 'bsc', bnb: 'bsc', binance: 'bsc', bnbchain: 'bsc', bnbsmartchain: 'bsc', bep: 'bsc',
  vmt: 'mitilena', mitilena: 'mitilena', mitilenaown: 'mitilena',
  // Networks a USDT payment can also travel on, none of which an invoice of ours names.
  bep2: 'elsewhere', omni: 'elsewhere', btc: 'elsewhere', bitcoin: 'elsewhere', sol: 'elsewhere', solana: 'elsewhere',
  spl: 'elsewhere', polygon: 'elsewhere', matic: 'elsewhere', pol: 'elsewhere', arbitrum: 'elsewhere', arb: 'elsewhere',
  optimism: 'elsewhere', avax: 'elsewhere', avalanche: 'elsewhere', ton: 'elsewhere', algorand: 'elsewhere',
  algo: 'elsewhere', near: 'elsewhere', celo: 'elsewhere', kcc: 'elsewhere', heco: 'elsewhere', hrc20: 'elsewhere',
  aptos: 'elsewhere', sui: 'elsewhere', base: 'elsewhere', zksync: 'elsewhere', linea: 'elsewhere', liquid: 'elsewhere',
};

/** "trc", "20" → "trc20": a standard's name is often written with a dash or a space. */
const STANDARD_PREFIXES = new Set(['trc', 'erc', 'bep', 'hrc']);

function words(label: string): string[] {
  const parts = label.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const joined: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    const next = parts[index + 1];
    if (STANDARD_PREFIXES.has(part) && next !== undefined && /^\d+$/.test(next)) {
      joined.push(part + next);
      index++;
    } else {
      joined.push(part);
    }
  }
  return joined;
}

function place(mentioned: Set<string>, ours: string): Placement {
  if (mentioned.size === 0) return 'unplaced';
  if (mentioned.size === 1) return mentioned.has(ours) ? 'ours' : 'other';
  // "TRC20/ERC20": names ours and another; the label cannot tell which, so the invoice decides.
  return mentioned.has(ours) ? 'unplaced' : 'other';
}

/** Where a notice's `stableCoinBlockchain` says the payment went, relative to the invoice's network. */
export function placeNetwork(label: string | null, invoice: Blockchain): Placement {
  if (label === null) return 'unplaced';
  const mentioned = new Set<string>();
  for (const word of words(label)) {
    const network = NETWORK_WORDS[word];
    if (network) mentioned.add(network);
  }
  return place(mentioned, INVOICE_NETWORK[invoice]);
}

/** Token spellings; a symbol we cannot place decides nothing. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  usdt: 'usdt', tether: 'usdt', tetherusd: 'usdt', 'usd₮': 'usdt', usdt0: 'other',
  vmt: 'vmt', apfc: 'apfc',
  usdc: 'other', dai: 'other', busd: 'other', tusd: 'other', usdp: 'other', fdusd: 'other', pyusd: 'other',
  usdd: 'other', eth: 'other', trx: 'other', bnb: 'other', btc: 'other', eur: 'other', eurc: 'other', eurt: 'other',
};

/** Where a notice's `stableCoinSymbol` says the payment was made, relative to the invoice's token. */
export function placeToken(symbol: string | null, invoiceToken: string): Placement {
  if (symbol === null) return 'unplaced';
  const ours = TOKEN_WORDS[invoiceToken.trim().toLowerCase()] ?? invoiceToken.trim().toLowerCase();
  const compact = symbol.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (compact === ours) return 'ours';
  const known = TOKEN_WORDS[compact];
  if (known === undefined) return 'unplaced';
  return known === ours ? 'ours' : 'other';
}

/** A currency code, in any case, against the sale's: null decides nothing; any other code is another currency. */
export function placeCurrency(code: string | null, saleCurrency: string): Placement {
  if (code === null) return 'unplaced';
  const normal = code.trim().toUpperCase();
  if (normal === saleCurrency) return 'ours';
  return /^[A-Z]{3}$/.test(normal) ? 'other' : 'unplaced';
}
