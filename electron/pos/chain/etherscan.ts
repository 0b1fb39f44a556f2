// Etherscan-style reader (Etherscan, BscScan, or Etherscan v2 with chainid) for ERC20/BEP20 USDT:
// token transfers by address (module=account&action=tokentx) and one transaction's receipt.
import { z } from 'zod';
import type { Blockchain } from '../../../shared/mitilena';
import { fail, ok, type Result } from '../../../shared/result';
import { explorerHttp, explorerSentence, getExplorerJson, type ExplorerReaderOptions, type RateLimitRecognizer } from './http';
import { ETHERSCAN_MIN_INTERVAL_MS } from './rate-limit';
import { isAddress, knownDecimals, normalizeAddress, normalizeHash, type ChainReader, type Transfer, type TransfersQuery } from './types';

/** keccak256("Transfer(address,address,uint256)"). */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const PAGE_SIZE = 100;
/** page × offset may not pass 10,000 on Etherscan; 20 pages of 100 is plenty for 14 days at a counter. */
const MAX_PAGES = 20;

const digits = z.string().regex(/^\d{1,78}$/);
const evmAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const evmHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const hexQuantity = z.string().regex(/^0x[0-9a-fA-F]{0,64}$/);

const TokenTxSchema = z.object({
  blockNumber: digits,
  timeStamp: digits,
  hash: evmHash,
  from: evmAddress,
  to: evmAddress,
  value: digits,
  contractAddress: evmAddress,
  tokenDecimal: digits,
  tokenSymbol: z.string().max(100).optional(),
  confirmations: digits.optional(),
});

/** Every Etherscan answer: status "1" with data, or status "0" with the reason in message/result. */
const EnvelopeSchema = z.object({
  status: z.enum(['0', '1']),
  message: z.string().max(1000),
  result: z.unknown(),
});

const LogSchema = z.object({
  address: evmAddress,
  topics: z.array(z.string().regex(/^0x[0-9a-fA-F]{64}$/)).max(4),
  data: z.string().regex(/^0x[0-9a-fA-F]*$/),
});

const ReceiptSchema = z.object({
  transactionHash: evmHash,
  blockNumber: hexQuantity.nullish(),
  status: hexQuantity.nullish(),
  logs: z.array(LogSchema).max(10_000),
});

/** module=proxy answers in JSON-RPC form; a refusal comes back in the Etherscan envelope instead. */
const ProxySchema = z.union([
  z.object({ jsonrpc: z.string(), result: ReceiptSchema.nullable() }),
  z.object({ jsonrpc: z.string(), error: z.object({ code: z.number(), message: z.string().max(1000) }) }),
  EnvelopeSchema,
]);

/** `baseUrl` is the API endpoint itself, e.g. https://api.etherscan.io/v2/api or https://api.bscscan.com/api. */
export interface EtherscanReaderOptions extends ExplorerReaderOptions {
  blockchain: Extract<Blockchain, 'tether-erc20' | 'tether-bep20' | 'apfcoin'>;
  /** Etherscan v2 needs chainid (1 Ethereum, 56 BNB Smart Chain); v1-style endpoints need none. */
  chainId?: number;
  /** Name in messages; defaults to Etherscan (BscScan for tether-bep20 without chainId). */
  explorer?: string;
}

/** Etherscan's documented rate-limit refusal: status "0", result "Max rate limit reached…" (on HTTP 200). */
const isRateLimitRefusal: RateLimitRecognizer = (_status, json) => {
  const envelope = EnvelopeSchema.safeParse(json);
  const limited = envelope.success && envelope.data.status === '0' && typeof envelope.data.result === 'string' && /rate limit/i.test(envelope.data.result);
  return limited ? { retryAfterMs: null } : false;
};

/** One tokentx row as a transfer (addresses lowercase, amount in base units). */
function transferOfRow(row: z.infer<typeof TokenTxSchema>): Transfer {
  return {
    hash: row.hash.toLowerCase(),
    from: normalizeAddress(row.from, 'evm'),
    to: normalizeAddress(row.to, 'evm'),
    contract: normalizeAddress(row.contractAddress, 'evm'),
    amountBaseUnits: BigInt(row.value),
    decimals: Number(row.tokenDecimal),
    at: new Date(Number(row.timeStamp) * 1000),
    ...(row.confirmations === undefined ? {} : { confirmations: Number(row.confirmations) }),
  };
}

/** The ERC20 Transfer(from, to, value) events among a receipt's logs. */
function transfersInLogs(txHash: string, logs: z.infer<typeof LogSchema>[]): Transfer[] {
  const transfers: Transfer[] = [];
  for (const log of logs) {
    const [topic0, fromTopic, toTopic] = log.topics;
    if (log.topics.length !== 3 || topic0?.toLowerCase() !== TRANSFER_TOPIC || !fromTopic || !toTopic) continue;
    if (!/^0x[0-9a-fA-F]{1,64}$/.test(log.data)) continue;
    const contract = normalizeAddress(log.address, 'evm');
    transfers.push({
      hash: txHash,
      from: `0x${fromTopic.slice(-40).toLowerCase()}`,
      to: `0x${toTopic.slice(-40).toLowerCase()}`,
      contract,
      amountBaseUnits: BigInt(log.data),
      decimals: knownDecimals(contract, 'evm'),
      at: null,
    });
  }
  return transfers;
}

export function createEtherscanReader(options: EtherscanReaderOptions): ChainReader {
  const explorer = options.explorer ?? (options.blockchain === 'tether-bep20' && options.chainId === undefined ? 'BscScan' : 'Etherscan');
  const http = explorerHttp(options, explorer, ETHERSCAN_MIN_INTERVAL_MS);
  const secrets = http.secrets ?? [];

  function urlFor(params: Record<string, string>): string {
    const query = new URLSearchParams();
    if (options.chainId !== undefined) query.set('chainid', String(options.chainId));
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    if (options.apiKey) query.set('apikey', options.apiKey);
    return `${options.baseUrl}${options.baseUrl.includes('?') ? '&' : '?'}${query.toString()}`;
  }

  /** An Etherscan "0" answer: no rows is an empty list; anything else is the explorer's refusal. */
  function refusal(message: string, result: unknown): Result<never> {
    const reason = explorerSentence(typeof result === 'string' && result ? result : message, secrets);
    if (/api.?key/i.test(reason)) return fail('explorer-refused', `${explorer} refused the request: ${reason}. Check its API key in Settings.`);
    return fail('explorer-error', `${explorer} could not answer: ${reason || 'no reason given'}. The counter will look again later.`);
  }

  async function transfersTo(address: string, query: TransfersQuery): Promise<Result<Transfer[]>> {
    if (!isAddress(address, 'evm')) return fail('invalid-input', 'The receiving address is not an 0x address.');
    if (!isAddress(query.contract, 'evm')) return fail('invalid-input', 'The token contract is not an 0x address.');
    const wanted = normalizeAddress(address, 'evm');
    const sinceSeconds = BigInt(Math.floor(query.since.getTime() / 1000));
    const found = new Map<string, Transfer>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      // Newest first, so paging stops as soon as a page reaches back past `since`; a transfer arriving
      // meanwhile only pushes rows to a later page (seen twice, kept once), never out of sight.
      const url = urlFor({
        module: 'account', action: 'tokentx', contractaddress: query.contract, address,
        page: String(page), offset: String(PAGE_SIZE), startblock: '0', endblock: '999999999', sort: 'desc',
      });
      const answer = await getExplorerJson(url, EnvelopeSchema, http, isRateLimitRefusal);
      if (!answer.ok) return answer;
      const { status, message, result } = answer.value;
      if (status === '0') {
        if (/^No (transactions|records) found/i.test(message) && (result === null || (Array.isArray(result) && result.length === 0))) {
          return ok([...found.values()]);
        }
        return refusal(message, result);
      }
      const rows = z.array(TokenTxSchema).max(10_000).safeParse(result);
      if (!rows.success) return fail('explorer-error', `${explorer} sent token transfers in an unexpected format. The counter will look again later.`);
      let reachedSince = false;
      for (const row of rows.data) {
        if (BigInt(row.timeStamp) < sinceSeconds) {
          reachedSince = true;
          continue;
        }
        // tokentx lists both directions; only incoming transfers can pay an invoice.
        if (normalizeAddress(row.to, 'evm') !== wanted) continue;
        const transfer = transferOfRow(row);
        found.set(`${transfer.hash}:${transfer.from}:${row.value}`, transfer);
      }
      if (reachedSince || rows.data.length < PAGE_SIZE) return ok([...found.values()]);
    }
    return fail(
      'explorer-error',
      `${explorer} lists more than ${MAX_PAGES * PAGE_SIZE} token transfers for this address since the sale; the counter stopped searching. Check the wallet by hand.`,
    );
  }

  async function transferByHash(hash: string): Promise<Result<Transfer[] | null>> {
    const txHash = normalizeHash(hash, 'evm');
    if (!txHash) return ok(null);
    const url = urlFor({ module: 'proxy', action: 'eth_getTransactionReceipt', txhash: txHash });
    const answer = await getExplorerJson(url, ProxySchema, http, isRateLimitRefusal);
    if (!answer.ok) return answer;
    const value = answer.value;
    if ('status' in value && 'message' in value) return refusal(value.message, value.result);
    if ('error' in value) return fail('explorer-error', `${explorer} could not look the transaction up: ${explorerSentence(value.error.message, secrets)}.`);
    const receipt = value.result;
    if (!receipt) return ok(null);
    // A reverted transaction moved nothing, whatever its logs would have said.
    return ok(receipt.status === '0x0' ? [] : transfersInLogs(txHash, receipt.logs));
  }

  return { blockchain: options.blockchain, explorer, transfersTo, transferByHash };
}
