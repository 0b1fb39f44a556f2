// TronGrid v1 reader for TRC20 USDT: incoming transfers by account, and one transaction's events.
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/result';
import { explorerHttp, getExplorerJson, type ExplorerReaderOptions, type RateLimitRecognizer } from './http';
import { TRONGRID_MIN_INTERVAL_MS } from './rate-limit';
import { tronAddressFromAny } from './tron-address';
import { isAddress, knownDecimals, normalizeHash, type ChainReader, type Transfer, type TransfersQuery } from './types';

/** TronGrid's documented page maximum. */
const PAGE_LIMIT = 200;
/** 10 pages × 200: far more than a counter's incoming USDT in 14 days; past it the search says so. */
const MAX_PAGES = 10;

const digits = z.string().regex(/^\d{1,78}$/);
const txId = z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/);

/** GET /v1/accounts/{address}/transactions/trc20 — one record per TRC20 transfer. */
const Trc20TransferSchema = z.object({
  transaction_id: txId,
  token_info: z.object({
    address: z.string().min(1).max(100),
    decimals: z.number().int().min(0).max(77),
    symbol: z.string().max(50).optional(),
  }),
  block_timestamp: z.number().int().nonnegative(),
  from: z.string().min(1).max(100),
  to: z.string().min(1).max(100),
  type: z.string().max(50),
  value: digits,
});

const MetaSchema = z.object({
  at: z.number().optional(),
  page_size: z.number().optional(),
  fingerprint: z.string().min(1).max(2000).optional(),
});

const Trc20PageSchema = z.object({
  success: z.literal(true),
  data: z.array(Trc20TransferSchema).max(1000),
  meta: MetaSchema.optional(),
});

/** GET /v1/transactions/{id}/events — the contract events one transaction emitted. */
const EventSchema = z.object({
  transaction_id: txId,
  block_timestamp: z.number().int().nonnegative(),
  contract_address: z.string().min(1).max(100),
  event_name: z.string().max(100),
  result: z.record(z.string(), z.unknown()),
});

const EventsSchema = z.object({
  success: z.literal(true),
  data: z.array(EventSchema).max(1000),
});

/**
 * TronGrid's documented refusals: 403 (no key: blocked for 30 s) or 503 (key over its rate), with
 * {"success": false, "error": "The key exceeds the frequency limit(15), and the query server is suspended for 30s"}.
 */
const tronRateLimit: RateLimitRecognizer = (status, _json, text) => {
  if (![403, 429, 503].includes(status) || !/frequency limit|too many requests|rate limit/i.test(text)) return false;
  const seconds = /suspended for (\d{1,4})\s*s/i.exec(text)?.[1];
  return { retryAfterMs: seconds === undefined ? null : Number(seconds) * 1000 };
};

/** `baseUrl` e.g. https://api.trongrid.io (no trailing /v1). */
export type TronGridReaderOptions = ExplorerReaderOptions;

export function createTronGridReader(options: TronGridReaderOptions): ChainReader {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = explorerHttp(options, 'TronGrid', TRONGRID_MIN_INTERVAL_MS, options.apiKey ? { 'TRON-PRO-API-KEY': options.apiKey } : {});

  async function transfersTo(address: string, query: TransfersQuery): Promise<Result<Transfer[]>> {
    if (!isAddress(address, 'tron')) return fail('invalid-input', 'The receiving address is not a Tron address.');
    if (!isAddress(query.contract, 'tron')) return fail('invalid-input', 'The token contract is not a Tron address.');
    const found = new Map<string, Transfer>();
    let fingerprint: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({
        only_to: 'true',
        // Only solidified blocks: a transfer TronGrid may still drop is not a payment yet.
        only_confirmed: 'true',
        contract_address: query.contract,
        min_timestamp: String(query.since.getTime()),
        limit: String(PAGE_LIMIT),
      });
      // The docs: keep the other filters unchanged when paging with the fingerprint.
      if (fingerprint) params.set('fingerprint', fingerprint);
      const url = `${base}/v1/accounts/${encodeURIComponent(address)}/transactions/trc20?${params.toString()}`;
      const answer = await getExplorerJson(url, Trc20PageSchema, http, tronRateLimit);
      if (!answer.ok) return answer;
      for (const record of answer.value.data) {
        if (record.type !== 'Transfer') continue;
        const transfer: Transfer = {
          hash: record.transaction_id.replace(/^0x/, '').toLowerCase(),
          from: record.from,
          to: record.to,
          contract: record.token_info.address,
          amountBaseUnits: BigInt(record.value),
          decimals: record.token_info.decimals,
          at: new Date(record.block_timestamp),
        };
        if (transfer.at && transfer.at.getTime() < query.since.getTime()) continue;
        found.set(`${transfer.hash}:${transfer.from}:${transfer.to}:${record.value}`, transfer);
      }
      fingerprint = answer.value.meta?.fingerprint;
      if (!fingerprint || answer.value.data.length === 0) return ok([...found.values()]);
    }
    return fail(
      'explorer-error',
      `TronGrid lists more than ${MAX_PAGES * PAGE_LIMIT} transfers to this address since the sale; the counter stopped searching. Check the wallet by hand.`,
    );
  }

  async function transferByHash(hash: string): Promise<Result<Transfer[] | null>> {
    const id = normalizeHash(hash, 'tron');
    if (!id) return ok(null);
    const url = `${base}/v1/transactions/${id}/events`;
    const answer = await getExplorerJson(url, EventsSchema, http, tronRateLimit);
    if (!answer.ok) return answer;
    if (answer.value.data.length === 0) return ok(null);
    const transfers: Transfer[] = [];
    for (const event of answer.value.data) {
      if (event.event_name !== 'Transfer') continue;
      const transfer = fromTransferEvent(id, event);
      if (transfer) transfers.push(transfer);
    }
    return ok(transfers);
  }

  return { blockchain: 'tether-trc20', explorer: 'TronGrid', transfersTo, transferByHash };
}

/** TRC20 Transfer(from, to, value): named keys, or positional 0/1/2 as older event servers send. */
function fromTransferEvent(hash: string, event: z.infer<typeof EventSchema>): Transfer | null {
  const pick = (name: string, index: string): string | null => {
    const value = event.result[name] ?? event.result[index];
    return typeof value === 'string' ? value : null;
  };
  const from = tronAddressFromAny(pick('from', '0') ?? '');
  const to = tronAddressFromAny(pick('to', '1') ?? '');
  const value = pick('value', '2');
  const contract = tronAddressFromAny(event.contract_address);
  if (!from || !to || !contract || !value || !/^\d{1,78}$/.test(value)) return null;
  return {
    hash,
    from,
    to,
    contract,
    amountBaseUnits: BigInt(value),
    decimals: knownDecimals(contract, 'tron'),
    at: new Date(event.block_timestamp),
  };
}
