// Issue 6 wired into the app: the real core in live mode (a loopback contract gateway and public
// proxy), real SQLite, and loopback explorers that follow TronGrid's documented formats. Paid
// notices are checked on the chain after they were answered; payments whose notice never arrived
// are recovered from the chain and the owner is told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainOptions } from '../../electron/pos/chain/options';
import { createTronGridReader } from '../../electron/pos/chain/tron';
import { startCore, type CoreOptions, type RunningCore } from '../../electron/pos/core';
import type { TunnelDriver } from '../../electron/pos/tunnel/manager';
import type { Sale } from '../../shared/sale';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { startTronGridDouble, tronAddress, tronTxId, USDT_TRC20, type ChainTransfer, type ExplorerDouble } from '../helpers/explorers';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';
import { freePort } from '../helpers/ports';

const API_KEY = 'live-KEY-chain-9f8e7d6c5b4a-secret-31cc';
const SHOP = tronAddress('wiring-shop');
const PAYER = tronAddress('wiring-payer');

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let tron: ExplorerDouble;
let core: RunningCore | null = null;
let webhookPort: number;
let updates: Sale[];
let logs: string[];


beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
  tron = await startTronGridDouble();
  webhookPort = await freePort();
  proxy.target = `http://127.0.0.1:${webhookPort}`;
  updates = [];
  logs = [];
});

afterEach(async () => {
  await core?.close();
  core = null;
  await Promise.all([gateway.close(), proxy.close(), tron.close()]);
  dir.remove();
});

/** Quick explorer settings for tests: a short timeout, an unknown hash retried once after 20 ms. */
function chainOptions(overrides: ChainOptions = {}): ChainOptions {
  return { tronApi: tron.baseUrl, timeoutMs: 500, unknownHashRetries: 1, unknownHashDelayMs: 20, ...overrides };
}

async function start(chain: ChainOptions | undefined, options: Partial<CoreOptions> = {}): Promise<RunningCore> {
  const running = await startCore({
    dataDir: dir.path,
    secrets: memorySecrets({ apiKey: API_KEY }),
    gatewayUrl: gateway.baseUrl,
    publicUrl: proxy.url,
    webhookPort,
    invoiceTimeoutMs: 2000,
    tunnel: { reachabilityTimeoutMs: 1000 },
    log: (line) => logs.push(line),
    ...(chain ? { chain } : {}),
    ...options,
  });
  running.on('sale-updated', (sale) => updates.push(sale));
  core = running;
  return running;
}

async function stop(): Promise<void> {
  await core?.close();
  core = null;
}

let invoiceSeq = 0;
/** Charges in the app against the contract gateway; the invoice asks `cryptoValue` USDT to SHOP. */
async function charge(running: RunningCore, cryptoValue: string, amount = '12.50'): Promise<Sale> {
  await expect.poll(() => running.status().reachability.state, { timeout: 5000 }).toBe('reachable');
  const invoiceId = `auto-chain-${++invoiceSeq}-${Date.now()}`;
  gateway.answerWith({
    kind: 'invoice',
    body: {
      ...fixtureInvoice(),
      invoiceId,
      txId: invoiceId,
      paymentPage: `https://mitilena.com/pay/${invoiceId}`,
      cryptoValue,
      usdtOverAmount: cryptoValue,
      receivedOnAddress: SHOP,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    },
  });
  const result = await running.handlers.startSale({ amount });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value).toMatchObject({ status: 'pending', sandbox: false, cryptoAmount: cryptoValue, address: SHOP });
  return result.value;
}

function units(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(`${whole}${fraction.padEnd(6, '0')}`).toString();
}

/** The customer's transfer as the chain records it, a little after the sale was created. */
function transferFor(sale: Sale, seed: string, overrides: Partial<ChainTransfer> = {}): ChainTransfer {
  return {
    hash: tronTxId(seed),
    from: PAYER,
    to: SHOP,
    contract: USDT_TRC20,
    value: units(sale.cryptoAmount ?? '0'),
    decimals: 6,
    symbol: 'USDT',
    timestampMs: Date.parse(sale.createdAt) + 1000,
    ...overrides,
  };
}

async function notify(running: RunningCore, sale: Sale, hash: string): Promise<{ status: number }> {
  const answer = await postNotice(running.status().webhookUrl as string, paidNoticeFor(sale, API_KEY, { blockchainHash: hash }), API_KEY);
  return { status: answer.status };
}

function causes(running: RunningCore, sale: Sale): string[] {
  return running.ledger.events(sale.id).map((event) => event.cause);
}

describe('confirmation of paid notices', () => {
  it('confirms a notice the chain agrees with: a second tick, an event, a sale-updated', async () => {
    const running = await start(chainOptions());
    expect(running.chain.confirmEnabled).toBe(true);
    const sale = await charge(running, '13.571234');
    tron.transfers.push(transferFor(sale, 'good'));
    expect((await notify(running, sale, tronTxId('good'))).status).toBe(200);
    await running.chain.settled();

    const after = running.ledger.getSale(sale.id);
    expect(after).toMatchObject({ status: 'paid', confirmation: 'chain-confirmed', txHash: tronTxId('good') });
    expect(causes(running, sale).slice(-2)).toEqual(['notice: paid', 'chain confirmed']);
    expect(running.ledger.events(sale.id).at(-1)).toMatchObject({ fromStatus: 'paid', toStatus: 'paid', detail: { explorer: 'TronGrid', hash: tronTxId('good') } });
    expect(updates.filter((update) => update.id === sale.id).at(-1)).toMatchObject({ status: 'paid', confirmation: 'chain-confirmed' });
    expect(tron.requests.some((request) => request.path === `/v1/transactions/${tronTxId('good')}/events`)).toBe(true);

    // The day close and the CSV count and name it.
    const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const report = await running.handlers.dayClose(day);
    expect(report.ok && report.value).toMatchObject({ paidCount: 1, chainConfirmedCount: 1, recoveredCount: 0 });
  });

  it.each([
    ['wrong amount', (sale: Sale) => transferFor(sale, 'c-amount', { value: units(sale.cryptoAmount ?? '0').replace(/4$/, '3') }), 'c-amount', /paid 13\.571233 USDT/],
    ['wrong address', (sale: Sale) => transferFor(sale, 'c-address', { to: tronAddress('somebody-else') }), 'c-address', /not to the invoice's address/],
    ['wrong token', (sale: Sale) => transferFor(sale, 'c-token', { contract: tronAddress('another-token'), symbol: 'FAKE' }), 'c-token', /another token/],
    ['unknown hash', null, 'c-unknown', /does not know the transaction/],
  ] as const)('puts a paid sale in review when the chain contradicts the notice (%s)', async (_name, make, seed, detail) => {
    const running = await start(chainOptions());
    const sale = await charge(running, '13.571234');
    if (make) tron.transfers.push(make(sale));
    expect((await notify(running, sale, tronTxId(seed))).status).toBe(200);
    await running.chain.settled();

    const after = running.ledger.getSale(sale.id);
    expect(after).toMatchObject({ status: 'review', reviewReason: 'chain-mismatch', confirmation: null });
    expect(after?.reviewDetail).toMatch(detail);
    expect(running.ledger.events(sale.id).at(-1)).toMatchObject({ fromStatus: 'paid', toStatus: 'review', cause: 'chain contradicted' });
    expect(updates.filter((update) => update.id === sale.id).at(-1)?.status).toBe('review');
    if (!make) {
      // Looked up twice (one retry after the injected 20 ms), not after 20 s.
      expect(tron.requests.filter((request) => request.path.endsWith(`${tronTxId(seed)}/events`))).toHaveLength(2);
    }
  });

  it('confirms an overpaid notice against the amount the notice reports, not the invoice amount', async () => {
    const running = await start(chainOptions());
    const sale = await charge(running, '13.571234');
    tron.transfers.push(transferFor(sale, 'over', { value: '14000000' }));
    const answer = await postNotice(running.status().webhookUrl as string, paidNoticeFor(sale, API_KEY, { blockchainHash: tronTxId('over'), stableCoinAmount: '14.000000' }), API_KEY);
    expect(answer.status).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(sale.id)).toMatchObject({ status: 'paid', overpaid: true, confirmation: 'chain-confirmed' });
  });

  it('answers the notice at once even when the explorer hangs; the sale stays paid, unconfirmed', async () => {
    const running = await start(chainOptions({ timeoutMs: 5000 }));
    const sale = await charge(running, '13.571234');
    tron.alwaysFault = { kind: 'hang' };
    const answer = await notify(running, sale, tronTxId('slow'));
    expect(answer.status).toBe(200);
    // The explorer never answers, so the check can only end by its own timeout; the notice's answer
    // came while the check was still waiting: the notice never waited for the explorer.
    let checkEnded = false;
    const checked = running.chain.settled().then(() => {
      checkEnded = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(checkEnded).toBe(false);
    expect(running.ledger.getSale(sale.id)).toMatchObject({ status: 'paid', confirmation: null });
    await checked;
    expect(running.ledger.getSale(sale.id)).toMatchObject({ status: 'paid', confirmation: null, reviewReason: null });
    expect(causes(running, sale).at(-1)).toBe('chain check unavailable');
    expect(logs.some((line) => /could not be checked at TronGrid/.test(line))).toBe(true);
  });

  it('checks nothing when confirmation is turned off (--no-chain-confirm) or no explorer is configured', async () => {
    const running = await start(chainOptions({ confirm: false }));
    expect(running.chain.confirmEnabled).toBe(false);
    const sale = await charge(running, '13.571234');
    expect((await notify(running, sale, tronTxId('off'))).status).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(sale.id)).toMatchObject({ status: 'paid', confirmation: null });
    expect(tron.requests.filter((request) => request.path.includes('/transactions/'))).toHaveLength(0);
    await stop();

    // No URL and no key: no reader, so no surprise calls to a public explorer.
    const plain = await start({ confirm: true });
    expect(Object.keys(plain.chain.readers)).toEqual([]);
    expect(plain.chain.recovery).toBeNull();
  });
});

describe('recovery of payments whose notice never arrived', () => {
  it('finds a payment made while the app was closed: paid, recovered, the owner told, the late notice changes nothing', async () => {
    let running = await start(undefined);
    const sale = await charge(running, '13.571234');
    await stop();
    // The customer paid while the counter was closed; the notice went nowhere.
    tron.transfers.push(transferFor(sale, 'while-closed'));

    running = await start(chainOptions());
    await expect.poll(() => running.ledger.getSale(sale.id)?.status, { timeout: 5000 }).toBe('paid');
    const after = running.ledger.getSale(sale.id);
    expect(after).toMatchObject({ status: 'paid', confirmation: 'recovered', txHash: tronTxId('while-closed'), paidCryptoAmount: '13.571234' });
    expect(after?.paidAt).toBe(new Date(Date.parse(sale.createdAt) + 1000).toISOString());
    const event = running.ledger.events(sale.id).at(-1);
    expect(event).toMatchObject({ fromStatus: 'pending', toStatus: 'paid', cause: 'recovered from chain', detail: { explorer: 'TronGrid', hash: tronTxId('while-closed') } });
    expect(updates.filter((update) => update.id === sale.id).at(-1)).toMatchObject({ status: 'paid', confirmation: 'recovered' });
    expect(running.status().warnings).toContain('1 payment recovered from the blockchain since the counter started (its notice never arrived): see History');

    const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const report = await running.handlers.dayClose(day);
    expect(report.ok && report.value).toMatchObject({ paidCount: 1, chainConfirmedCount: 0, recoveredCount: 1 });

    // The gateway's notice turns up late, for the same transaction: recorded, not a second payment.
    expect((await notify(running, sale, tronTxId('while-closed'))).status).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(sale.id)).toMatchObject({ status: 'paid', confirmation: 'recovered', reviewReason: null });
    expect(causes(running, sale).at(-1)).toBe('notice: paid');
  });

  it('gives two invoices whose amounts differ only in the last digit each their own transfer', async () => {
    let running = await start(undefined);
    const first = await charge(running, '13.571234');
    const second = await charge(running, '13.571235', '12.51');
    const unpaid = await charge(running, '13.571236', '12.52');
    await stop();
    // Newest first on the chain, the second invoice's payment landing before the first's.
    tron.transfers.push(transferFor(first, 'pays-first', { timestampMs: Date.parse(unpaid.createdAt) + 5000 }));
    tron.transfers.push(transferFor(second, 'pays-second', { timestampMs: Date.parse(unpaid.createdAt) + 2000 }));

    running = await start(chainOptions());
    await expect.poll(() => running.status().warnings.join('\n'), { timeout: 5000 }).toContain('2 payments recovered from the blockchain');
    expect(running.ledger.getSale(first.id)).toMatchObject({ status: 'paid', txHash: tronTxId('pays-first'), paidCryptoAmount: '13.571234', confirmation: 'recovered' });
    expect(running.ledger.getSale(second.id)).toMatchObject({ status: 'paid', txHash: tronTxId('pays-second'), paidCryptoAmount: '13.571235', confirmation: 'recovered' });
    expect(running.ledger.getSale(unpaid.id)).toMatchObject({ status: 'pending', txHash: null, confirmation: null });
    // One search for the shared address, not one per sale.
    expect(tron.requests.filter((request) => request.path === `/v1/accounts/${SHOP}/transactions/trc20`)).toHaveLength(1);

    // Another pass finds nothing new: a recorded hash is never handed out again.
    const report = await running.chain.recover('manual');
    expect(report?.found).toEqual([]);
    expect(running.ledger.getSale(unpaid.id)?.status).toBe('pending');
  });

  it('waits out an explorer that rate-limits, and leaves the sale as it is when the explorer is down', async () => {
    const limited = await startTronGridDouble({ rateLimitAs: 'http-429' });
    try {
      let running = await start(undefined);
      const sale = await charge(running, '13.571234');
      await stop();
      const transfer = transferFor(sale, 'limited');
      limited.transfers.push(transfer);
      tron.transfers.push(transfer);

      // Down: the pass reports the failure, the sale stays pending, nothing is invented.
      tron.alwaysFault = { kind: 'http-error', status: 502 };
      running = await start(chainOptions());
      const down = await running.chain.recover('manual');
      expect(down?.errors.length).toBeGreaterThan(0);
      expect(running.ledger.getSale(sale.id)?.status).toBe('pending');
      await stop();

      // "Too many requests" twice, then an answer: the reader waits and the sale is recovered.
      limited.faults.push({ kind: 'rate-limit' }, { kind: 'rate-limit' });
      const reader = createTronGridReader({ baseUrl: limited.baseUrl, minIntervalMs: 5, rateLimitBackoffMs: 20 });
      running = await start({ readers: { 'tether-trc20': reader } });
      await expect.poll(() => running.ledger.getSale(sale.id)?.status, { timeout: 5000 }).toBe('paid');
      expect(limited.requests.length).toBeGreaterThanOrEqual(3);
    } finally {
      await limited.close();
    }
  });

  it('looks again when the tunnel comes back online', async () => {
    const urls = [proxy.url, proxy.url];
    let drop: ((reason: string) => void) | undefined;
    const driver: TunnelDriver = {
      forward: async (options) => {
        const url = urls.shift();
        if (!url) throw new Error('failed to connect session');
        proxy.target = `http://127.0.0.1:${options.port}`;
        return { url, close: async () => undefined, onClosed: (callback) => (drop = callback) };
      },
    };
    const running = await start(chainOptions(), {
      secrets: memorySecrets({ apiKey: API_KEY, ngrokAuthtoken: '2ngrokAUTHTOKEN_chain_a1b2c3d4e5f6' }),
      publicUrl: undefined,
      tunnel: { tunnelDriver: driver, tunnelTimings: { reconnectInitialMs: 20 }, reachabilityTimeoutMs: 1000 },
    });
    const sale = await charge(running, '13.571234');
    const before = tron.requests.length;
    tron.transfers.push(transferFor(sale, 'during-outage'));
    drop?.('network lost');
    await expect.poll(() => running.ledger.getSale(sale.id)?.status, { timeout: 5000 }).toBe('paid');
    expect(running.ledger.getSale(sale.id)).toMatchObject({ confirmation: 'recovered', txHash: tronTxId('during-outage') });
    expect(tron.requests.length).toBeGreaterThan(before);
  });
});
