// Stand-ins for TronGrid v1 and an Etherscan-style API, written from their public documentation
// (not from the counter's readers): the documented paths, parameters and answer shapes, a list of
// transfers a test controls, and the bad days (rate limits, hangs, broken JSON, 5xx).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aSale } from './sales';
import type { Sale } from '../../shared/sale';

export const USDT_TRC20 = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
export const USDT_ERC20 = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
export const USDT_BEP20 = '0x55d398326f99059fF775485246999027B3197955';
export const TRANSFER_TOPIC0 = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

/** One token transfer on the fake chain. */
export interface ChainTransfer {
  hash: string;
  from: string;
  to: string;
  contract: string;
  /** Base units, as the explorers send them. */
  value: string;
  decimals: number;
  symbol: string;
  timestampMs: number;
  blockNumber?: number;
}

export type Fault =
  | { kind: 'rate-limit' }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'http-error'; status: number };

export interface RecordedExplorerRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  atMs: number;
}

export interface ExplorerDouble {
  baseUrl: string;
  transfers: ChainTransfer[];
  requests: RecordedExplorerRequest[];
  /** The next requests (one per entry) meet these faults, in order, before normal answers resume. */
  faults: Fault[];
  /** Answers every request with this fault from now on (null: normal). */
  alwaysFault: Fault | null;
  /** Largest page the double serves, whatever limit/offset asks (the documented maximum by default). */
  maxPageSize: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

type Route = (path: string, query: URLSearchParams, double: ExplorerDouble) => Answer;

async function startDouble(route: Route, faultAnswer: (fault: Fault) => Answer | null, maxPageSize: number): Promise<ExplorerDouble> {
  const sockets = new Set<import('node:net').Socket>();
  const double: ExplorerDouble = {
    baseUrl: '',
    transfers: [],
    requests: [],
    faults: [],
    alwaysFault: null,
    maxPageSize,
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    double.requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers, atMs: Date.now() });
    const fault = double.faults.shift() ?? double.alwaysFault;
    if (fault) {
      const answer = faultAnswer(fault);
      if (!answer) return; // hang: never answer
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers }).end(answer.body);
      return;
    }
    const answer = route(url.pathname, url.searchParams, double);
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers }).end(answer.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return double;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({ status, body: JSON.stringify(body), ...(headers ? { headers } : {}) });

// ---- TronGrid v1 ------------------------------------------------------------------------------

/**
 * GET /v1/accounts/{address}/transactions/trc20 (only_to, only_from, only_confirmed, contract_address,
 * min_timestamp, max_timestamp, limit ≤ 200, fingerprint) and GET /v1/transactions/{id}/events.
 * Newest first; `meta.fingerprint` and `meta.links.next` when another page exists.
 */
export function startTronGridDouble(options: { rateLimitAs?: 'keyless-403' | 'key-503' | 'http-429' } = {}): Promise<ExplorerDouble> {
  return startDouble(tronRoute, (fault) => tronFault(fault, options.rateLimitAs ?? 'keyless-403'), 200);
}

/** TronGrid's documented rate-limit answers: 403 without a key, 503 with one (developers.tron.network, Rate Limits). */
function tronFault(fault: Fault, rateLimitAs: 'keyless-403' | 'key-503' | 'http-429'): Answer | null {
  switch (fault.kind) {
    case 'rate-limit':
      if (rateLimitAs === 'http-429') return { status: 429, body: 'Too Many Requests', headers: { 'Content-Type': 'text/plain' } };
      return json(rateLimitAs === 'key-503' ? 503 : 403, {
        success: false,
        error: 'The key exceeds the frequency limit(15), and the query server is suspended for 30s',
        statusCode: rateLimitAs === 'key-503' ? 503 : 403,
      });
    case 'hang':
      return null;
    case 'malformed':
      return { status: 200, body: '{"success": true, "data": [{"transaction_id": ' };
    case 'http-error':
      return { status: fault.status, body: '<html><body><h1>Bad Gateway</h1></body></html>', headers: { 'Content-Type': 'text/html' } };
  }
}

function tronRoute(path: string, query: URLSearchParams, double: ExplorerDouble): Answer {
  const meta = { at: Date.now(), page_size: 0 };
  const account = /^\/v1\/accounts\/([^/]+)\/transactions\/trc20$/.exec(path);
  if (account) {
    const address = decodeURIComponent(account[1] ?? '');
    const contract = query.get('contract_address');
    const min = Number(query.get('min_timestamp') ?? '0');
    const max = Number(query.get('max_timestamp') ?? String(Number.MAX_SAFE_INTEGER));
    const limit = Math.min(Number(query.get('limit') ?? '20'), double.maxPageSize);
    const rows = double.transfers
      .filter((t) => (query.get('only_to') === 'true' ? t.to === address : query.get('only_from') === 'true' ? t.from === address : t.to === address || t.from === address))
      .filter((t) => !contract || t.contract === contract)
      .filter((t) => t.timestampMs >= min && t.timestampMs <= max)
      .sort((a, b) => b.timestampMs - a.timestampMs);
    const offset = query.get('fingerprint') ? Number(Buffer.from(query.get('fingerprint') ?? '', 'base64url').toString()) : 0;
    const page = rows.slice(offset, offset + limit);
    const more = offset + limit < rows.length;
    const fingerprint = Buffer.from(String(offset + limit)).toString('base64url');
    return json(200, {
      data: page.map((t) => ({
        transaction_id: t.hash,
        token_info: { symbol: t.symbol, address: t.contract, decimals: t.decimals, name: 'Tether USD' },
        block_timestamp: t.timestampMs,
        from: t.from,
        to: t.to,
        type: 'Transfer',
        value: t.value,
      })),
      success: true,
      meta: { ...meta, page_size: page.length, ...(more ? { fingerprint, links: { next: `${double.baseUrl}${path}?fingerprint=${fingerprint}` } } : {}) },
    });
  }
  const events = /^\/v1\/transactions\/([0-9a-fA-F]{64})\/events$/.exec(path);
  if (events) {
    const id = (events[1] ?? '').toLowerCase();
    const data = double.transfers
      .filter((t) => t.hash.toLowerCase() === id)
      .map((t, index) => {
        const from = `0x${tronHex(t.from).slice(2)}`;
        const to = `0x${tronHex(t.to).slice(2)}`;
        return {
          block_number: t.blockNumber ?? 60_000_000,
          block_timestamp: t.timestampMs,
          caller_contract_address: t.contract,
          contract_address: t.contract,
          event_index: index,
          event_name: 'Transfer',
          result: { '0': from, '1': to, '2': t.value, from, to, value: t.value },
          result_type: { from: 'address', to: 'address', value: 'uint256' },
          event: 'Transfer(address indexed from, address indexed to, uint256 value)',
          transaction_id: t.hash,
        };
      });
    return json(200, { data, success: true, meta: { ...meta, page_size: data.length } });
  }
  return json(404, { success: false, error: 'Not found', statusCode: 404 });
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58check → 21-byte hex ("41…"), as Tron's documentation describes the address format. */
export function tronHex(address: string): string {
  let value = 0n;
  for (const char of address) value = value * 58n + BigInt(BASE58.indexOf(char));
  return value.toString(16).padStart(50, '0').slice(0, 42);
}

/** A valid base58check Tron address made from a seed (for test payers and shops). */
export function tronAddress(seed: string): string {
  const payload = Buffer.concat([Buffer.from([0x41]), createHash('sha256').update(seed).digest().subarray(0, 20)]);
  const checksum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest().subarray(0, 4);
  let value = BigInt(`0x${Buffer.concat([payload, checksum]).toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE58[Number(value % 58n)] + out;
    value /= 58n;
  }
  return out;
}

// ---- Etherscan-style (Etherscan v1/v2, BscScan) -------------------------------------------------

export interface EtherscanDoubleOptions {
  /** Etherscan v2: answer only requests carrying this chainid. */
  chainId?: number;
  /** How a rate-limit fault looks: the documented NOTOK body on HTTP 200 (default) or a bare 429. */
  rateLimitAs?: 'notok' | 'http-429';
  /** Head block, for confirmations. */
  headBlock?: number;
}

/**
 * GET /api?module=account&action=tokentx (address, contractaddress, startblock, endblock, page,
 * offset, sort) and module=proxy&action=eth_getTransactionReceipt&txhash=. Mounted at /api and /v2/api.
 */
export function startEtherscanDouble(options: EtherscanDoubleOptions = {}): Promise<ExplorerDouble> {
  const head = options.headBlock ?? 21_000_000;
  const fault = (f: Fault): Answer | null => {
    switch (f.kind) {
      case 'rate-limit':
        return options.rateLimitAs === 'http-429'
          ? { status: 429, body: 'Too Many Requests', headers: { 'Content-Type': 'text/plain', 'Retry-After': '0' } }
          : json(200, { status: '0', message: 'NOTOK', result: 'Max rate limit reached, please use API Key for higher rate limit' });
      case 'hang':
        return null;
      case 'malformed':
        return { status: 200, body: '{"status":"1","message":"OK","result":[{"blockNumber":' };
      case 'http-error':
        return { status: f.status, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } };
    }
  };
  const route: Route = (path, query, double) => {
    if (path !== '/api' && path !== '/v2/api') return { status: 404, body: 'Not found' };
    if (options.chainId !== undefined && query.get('chainid') !== String(options.chainId)) {
      return json(200, { status: '0', message: 'NOTOK', result: 'Missing or unsupported chainid parameter (required for v2 api), please see https://api.etherscan.io/v2/chainlist for the list of supported chainids' });
    }
    const module = query.get('module');
    const action = query.get('action');
    if (module === 'account' && action === 'tokentx') return tokentx(query, double, head);
    if (module === 'proxy' && action === 'eth_getTransactionReceipt') return receipt(query, double);
    return json(200, { status: '0', message: 'NOTOK', result: 'Error! Missing Or invalid Module name' });
  };
  return startDouble(route, fault, 10_000);
}

function tokentx(query: URLSearchParams, double: ExplorerDouble, head: number): Answer {
  const address = (query.get('address') ?? '').toLowerCase();
  const contract = query.get('contractaddress')?.toLowerCase();
  const start = Number(query.get('startblock') ?? '0');
  const end = query.get('endblock') === 'latest' || !query.get('endblock') ? Number.MAX_SAFE_INTEGER : Number(query.get('endblock'));
  const page = Math.max(1, Number(query.get('page') ?? '1'));
  const offset = Math.min(Number(query.get('offset') ?? '10000') || 10_000, double.maxPageSize);
  const desc = query.get('sort') === 'desc';
  const rows = double.transfers
    .filter((t) => t.to.toLowerCase() === address || t.from.toLowerCase() === address)
    .filter((t) => !contract || t.contract.toLowerCase() === contract)
    .map((t) => ({ t, block: t.blockNumber ?? blockAt(t.timestampMs) }))
    .filter(({ block }) => block >= start && block <= end)
    .sort((a, b) => (desc ? b.block - a.block : a.block - b.block));
  const slice = rows.slice((page - 1) * offset, page * offset);
  if (slice.length === 0) return json(200, { status: '0', message: 'No transactions found', result: [] });
  return json(200, {
    status: '1',
    message: 'OK',
    result: slice.map(({ t, block }) => ({
      blockNumber: String(block),
      timeStamp: String(Math.floor(t.timestampMs / 1000)),
      hash: t.hash,
      nonce: '7',
      blockHash: `0x${'ab'.repeat(32)}`,
      from: t.from.toLowerCase(),
      contractAddress: t.contract.toLowerCase(),
      to: t.to.toLowerCase(),
      value: t.value,
      tokenName: 'Tether USD',
      tokenSymbol: t.symbol,
      tokenDecimal: String(t.decimals),
      transactionIndex: '12',
      gas: '94813',
      gasPrice: '3000000000',
      gasUsed: '63209',
      cumulativeGasUsed: '1234567',
      input: 'deprecated',
      confirmations: String(Math.max(1, head - block)),
    })),
  });
}

function receipt(query: URLSearchParams, double: ExplorerDouble): Answer {
  const hash = (query.get('txhash') ?? '').toLowerCase();
  const inTx = double.transfers.filter((t) => t.hash.toLowerCase() === hash);
  const first = inTx[0];
  if (!first) return json(200, { jsonrpc: '2.0', id: 1, result: null });
  const block = `0x${(first.blockNumber ?? blockAt(first.timestampMs)).toString(16)}`;
  const pad = (address: string) => `0x${address.slice(2).toLowerCase().padStart(64, '0')}`;
  return json(200, {
    jsonrpc: '2.0',
    id: 1,
    result: {
      blockHash: `0x${'ab'.repeat(32)}`,
      blockNumber: block,
      contractAddress: null,
      cumulativeGasUsed: '0x12d687',
      effectiveGasPrice: '0xb2d05e00',
      from: first.from.toLowerCase(),
      gasUsed: '0xf6e9',
      logs: inTx.map((t, index) => ({
        address: t.contract.toLowerCase(),
        topics: [TRANSFER_TOPIC0, pad(t.from), pad(t.to)],
        data: `0x${BigInt(t.value).toString(16).padStart(64, '0')}`,
        blockNumber: block,
        transactionHash: hash,
        transactionIndex: '0xc',
        blockHash: `0x${'ab'.repeat(32)}`,
        logIndex: `0x${index.toString(16)}`,
        removed: false,
      })),
      logsBloom: `0x${'00'.repeat(256)}`,
      status: '0x1',
      to: first.contract.toLowerCase(),
      transactionHash: hash,
      transactionIndex: '0xc',
      type: '0x2',
    },
  });
}

/** A block number that grows with time (12 s blocks), so startblock/endblock filters behave. */
function blockAt(timestampMs: number): number {
  return Math.floor(timestampMs / 12_000) - 130_000_000 + 21_000_000;
}

/** A random-looking EVM transaction hash from a seed. */
export function evmHash(seed: string): string {
  return `0x${createHash('sha256').update(seed).digest('hex')}`;
}

/** A Tron transaction id (64 hex, no 0x) from a seed. */
export function tronTxId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** An EVM address from a seed. */
export function evmAddress(seed: string): string {
  return `0x${createHash('sha256').update(seed).digest('hex').slice(0, 40)}`;
}

/** A sale as the ledger holds it after the invoice was created (shared/sale.ts). */
export function chainSale(overrides: Partial<Sale> = {}): Sale {
  return aSale({
    createdAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    paymentPage: 'https://mitilena.com/pay/inv-1',
    address: tronAddress('shop'),
    ...overrides,
  });
}
