// Issue 6 from the owner's Settings (the desktop app has no flags): block-explorer URLs, the
// confirmation checkbox and the explorer keys are validated per field, stored (the keys in the
// SecretStore, write-only), and applied to the chain watch at once, without restarting the core.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainOptions } from '../../electron/pos/chain/options';
import { startCore, type CoreOptions, type RunningCore } from '../../electron/pos/core';
import { DEFAULT_SETTINGS } from '../../electron/pos/settings/stored';
import { validateSettingsUpdate } from '../../electron/pos/settings/validate';
import type { PosStatus } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { startTronGridDouble, tronAddress, tronTxId, USDT_TRC20, type ChainTransfer, type ExplorerDouble } from '../helpers/explorers';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets, type MemorySecretStore } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';
import { freePort } from '../helpers/ports';

const API_KEY = 'live-KEY-settings-0a9b8c7d6e5f-secret-77dd';
const TRON_KEY = 'tron-KEY-3f2e1d0c-b9a8-4765-8432-10fe';
const ETHERSCAN_KEY = 'ETHERSCANsecretKEY0123456789ABCDEFqz';
const SHOP = tronAddress('settings-shop');
const PAYER = tronAddress('settings-payer');

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let tron: ExplorerDouble;
let core: RunningCore | null = null;
let webhookPort: number;
let updates: Sale[];
let statuses: PosStatus[];
let logs: string[];


beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
  tron = await startTronGridDouble();
  webhookPort = await freePort();
  proxy.target = `http://127.0.0.1:${webhookPort}`;
  updates = [];
  statuses = [];
  logs = [];
});

afterEach(async () => {
  await core?.close();
  core = null;
  await Promise.all([gateway.close(), proxy.close(), tron.close()]);
  dir.remove();
});

async function start(options: Partial<CoreOptions> & { chain?: ChainOptions } = {}, secrets: MemorySecretStore = memorySecrets({ apiKey: API_KEY })): Promise<RunningCore> {
  const running = await startCore({
    dataDir: dir.path,
    secrets,
    gatewayUrl: gateway.baseUrl,
    publicUrl: proxy.url,
    webhookPort,
    invoiceTimeoutMs: 2000,
    tunnel: { reachabilityTimeoutMs: 1000 },
    log: (line) => logs.push(line),
    ...options,
  });
  running.on('sale-updated', (sale) => updates.push(sale));
  running.on('status-changed', (status) => statuses.push(status));
  core = running;
  return running;
}

let invoiceSeq = 0;
async function charge(running: RunningCore, cryptoValue: string, amount = '12.50'): Promise<Sale> {
  await expect.poll(() => running.status().reachability.state, { timeout: 5000 }).toBe('reachable');
  const invoiceId = `auto-settings-${++invoiceSeq}-${Date.now()}`;
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
  return result.value;
}

function transferFor(sale: Sale, seed: string): ChainTransfer {
  const [whole, fraction = ''] = (sale.cryptoAmount ?? '0').split('.');
  return {
    hash: tronTxId(seed),
    from: PAYER,
    to: SHOP,
    contract: USDT_TRC20,
    value: BigInt(`${whole}${fraction.padEnd(6, '0')}`).toString(),
    decimals: 6,
    symbol: 'USDT',
    timestampMs: Date.parse(sale.createdAt) + 1000,
  };
}

async function notify(running: RunningCore, sale: Sale, hash: string): Promise<number> {
  const answer = await postNotice(running.status().webhookUrl as string, paidNoticeFor(sale, API_KEY, { blockchainHash: hash }), API_KEY);
  return answer.status;
}

const transactionLookups = () => tron.requests.filter((request) => request.path.includes('/transactions/'));

describe('block-explorer settings: validation', () => {
  it('checks each field and normalises the URLs', () => {
    const checked = validateSettingsUpdate({ tronApi: ' https://api.trongrid.io/ ', etherscanApi: '', chainConfirm: false, trongridApiKey: ` ${TRON_KEY} ` }, DEFAULT_SETTINGS);
    expect(checked).toEqual({ ok: true, patch: { tronApi: 'https://api.trongrid.io', etherscanApi: null, chainConfirm: false }, secrets: { trongridApiKey: TRON_KEY } });
    const bad = validateSettingsUpdate(
      { tronApi: 'ftp://api.trongrid.io', etherscanApi: 'api.etherscan.io', trongridApiKey: 'short', etherscanApiKey: 'has a space inside it' },
      DEFAULT_SETTINGS,
    );
    expect(bad).toEqual({
      ok: false,
      fields: {
        tronApi: expect.stringMatching(/TronGrid address must start with https:\/\//),
        etherscanApi: expect.stringMatching(/Etherscan address must be a full http\(s\) URL/),
        trongridApiKey: expect.stringMatching(/TronGrid API key is too short/),
        etherscanApiKey: expect.stringMatching(/Etherscan API key cannot contain spaces/),
      },
    });
    expect(validateSettingsUpdate({ tronApi: 'https://user:pw@api.trongrid.io' }, DEFAULT_SETTINGS)).toMatchObject({ ok: false, fields: { tronApi: expect.stringMatching(/passwords/) } });
    expect(validateSettingsUpdate({ etherscanApi: 'https://api.etherscan.io/v2/api?apikey=x' }, DEFAULT_SETTINGS)).toMatchObject({ ok: false, fields: { etherscanApi: expect.stringMatching(/\?/) } });
    // A message never echoes a key, even a wrong one.
    expect(JSON.stringify(validateSettingsUpdate({ trongridApiKey: 'bad key with spaces 123' }, DEFAULT_SETTINGS))).not.toContain('bad key');
  });

  it('changes nothing when one explorer field is bad, and says which', async () => {
    const secrets = memorySecrets({ apiKey: API_KEY });
    const running = await start({}, secrets);
    const before = { view: await running.handlers.getSettings({}), meta: running.ledger.getMeta('settings') };
    const result = await running.handlers.updateSettings({ tronApi: 'not a url', etherscanApi: 'https://api.etherscan.io/v2/api', trongridApiKey: TRON_KEY, chainConfirm: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { tronApi: expect.stringMatching(/TronGrid/) } } });
    expect(result.ok ? null : Object.keys(result.error.fields ?? {})).toEqual(['tronApi']);
    expect(await running.handlers.getSettings({})).toEqual(before.view);
    expect(running.ledger.getMeta('settings')).toBe(before.meta);
    expect(secrets.values.has('trongridApiKey')).toBe(false);
    expect(Object.keys(running.chain.readers)).toEqual([]);
  });
});

describe('block-explorer settings: applied without a restart', () => {
  it('a TronGrid URL saved in Settings confirms the next paid notice; removing it stops all calls', async () => {
    const running = await start();
    expect(Object.keys(running.chain.readers)).toEqual([]);
    expect(running.chain.recovery).toBeNull();

    // Before: no explorer, so a paid notice is not checked and nothing is called.
    const first = await charge(running, '13.571234');
    expect(await notify(running, first, tronTxId('before'))).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(first.id)).toMatchObject({ status: 'paid', confirmation: null });
    expect(tron.requests).toHaveLength(0);

    const saved = await running.handlers.updateSettings({ tronApi: `${tron.baseUrl}/` });
    expect(saved).toMatchObject({ ok: true, value: { tronApi: tron.baseUrl, chainConfirm: true } });
    expect(Object.keys(running.chain.readers)).toEqual(['tether-trc20']);
    expect(running.chain.confirmEnabled).toBe(true);
    expect(running.chain.recovery).not.toBeNull();

    const second = await charge(running, '13.571235', '12.51');
    tron.transfers.push(transferFor(second, 'after'));
    expect(await notify(running, second, tronTxId('after'))).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(second.id)).toMatchObject({ status: 'paid', confirmation: 'chain-confirmed', txHash: tronTxId('after') });
    expect(updates.filter((update) => update.id === second.id).at(-1)).toMatchObject({ confirmation: 'chain-confirmed' });
    expect(transactionLookups().some((request) => request.path === `/v1/transactions/${tronTxId('after')}/events`)).toBe(true);
    // The saved setting survives a restart of the core.
    expect(JSON.parse(running.ledger.getMeta('settings') ?? '{}')).toMatchObject({ tronApi: tron.baseUrl, chainConfirm: true });

    // Unticking the checkbox: recovery still runs, notices are no longer checked.
    expect(await running.handlers.updateSettings({ chainConfirm: false })).toMatchObject({ ok: true, value: { chainConfirm: false } });
    expect(running.chain.confirmEnabled).toBe(false);
    expect(running.chain.recovery).not.toBeNull();
    const third = await charge(running, '13.571236', '12.52');
    const lookups = transactionLookups().length;
    expect(await notify(running, third, tronTxId('unchecked'))).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(third.id)).toMatchObject({ status: 'paid', confirmation: null });
    expect(transactionLookups()).toHaveLength(lookups);

    // No URL and no key: no reader, no recovery timer, no calls.
    expect(await running.handlers.updateSettings({ tronApi: null, chainConfirm: true })).toMatchObject({ ok: true, value: { tronApi: null } });
    expect(Object.keys(running.chain.readers)).toEqual([]);
    expect(running.chain.recovery).toBeNull();
    const calls = tron.requests.length;
    expect(await running.chain.recover('manual')).toBeNull();
    expect(tron.requests).toHaveLength(calls);
  });

  it('looks for lost payments as soon as an explorer is configured', async () => {
    const running = await start();
    const sale = await charge(running, '13.571234');
    tron.transfers.push(transferFor(sale, 'lost-notice'));
    expect(await running.handlers.updateSettings({ tronApi: tron.baseUrl })).toMatchObject({ ok: true });
    await expect.poll(() => running.ledger.getSale(sale.id)?.status, { timeout: 5000 }).toBe('paid');
    expect(running.ledger.getSale(sale.id)).toMatchObject({ confirmation: 'recovered', txHash: tronTxId('lost-notice') });
    await expect.poll(() => running.status().warnings.join('\n'), { timeout: 5000 }).toContain('1 payment recovered from the blockchain');
  });

  it('start options win over the saved settings for the run', async () => {
    const other = await startTronGridDouble();
    try {
      const running = await start({ chain: { tronApi: tron.baseUrl, confirm: false } });
      expect(await running.handlers.updateSettings({ tronApi: other.baseUrl, chainConfirm: true })).toMatchObject({ ok: true, value: { tronApi: other.baseUrl, chainConfirm: true } });
      // Saved for the next run without the flags, but this run keeps what it was started with.
      expect(running.chain.confirmEnabled).toBe(false);
      await charge(running, '13.571234');
      await running.chain.recover('manual');
      expect(other.requests).toHaveLength(0);
      expect(tron.requests.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});

describe('explorer keys', () => {
  it('are write-only: used for the explorer, never in settings, status, events or logs', async () => {
    const secrets = memorySecrets({ apiKey: API_KEY });
    const running = await start({}, secrets);
    const saved = await running.handlers.updateSettings({ tronApi: tron.baseUrl, trongridApiKey: TRON_KEY, etherscanApiKey: ETHERSCAN_KEY });
    expect(saved).toMatchObject({ ok: true, value: { trongridApiKey: { set: true, last4: TRON_KEY.slice(-4) }, etherscanApiKey: { set: true, last4: ETHERSCAN_KEY.slice(-4) } } });
    expect(secrets.values.get('trongridApiKey')).toBe(TRON_KEY);
    expect(secrets.values.get('etherscanApiKey')).toBe(ETHERSCAN_KEY);
    // An Etherscan key alone turns ERC20/BEP20 on at the public default (as the flags do).
    expect(Object.keys(running.chain.readers).sort()).toEqual(['tether-bep20', 'tether-erc20', 'tether-trc20']);

    const sale = await charge(running, '13.571234');
    tron.transfers.push(transferFor(sale, 'keyed'));
    expect(await notify(running, sale, tronTxId('keyed'))).toBe(200);
    await running.chain.settled();
    expect(running.ledger.getSale(sale.id)).toMatchObject({ confirmation: 'chain-confirmed' });
    // The key went to TronGrid, in its header.
    expect(tron.requests.every((request) => request.headers['tron-pro-api-key'] === TRON_KEY)).toBe(true);

    const seen = JSON.stringify({
      settings: await running.handlers.getSettings({}),
      status: await running.handlers.getStatus({}),
      saved,
      statuses,
      updates,
      logs,
      meta: running.ledger.getMeta('settings'),
    });
    for (const key of [TRON_KEY, ETHERSCAN_KEY]) {
      expect(seen).not.toContain(key);
      expect(seen).not.toContain(key.slice(0, 12));
    }
    expect(statuses.length).toBeGreaterThan(0);

    // Removed: "not set", and the TronGrid reader goes on without a key.
    expect(await running.handlers.updateSettings({ trongridApiKey: null, etherscanApiKey: null })).toMatchObject({
      ok: true,
      value: { trongridApiKey: { set: false, last4: null }, etherscanApiKey: { set: false, last4: null } },
    });
    expect(secrets.values.has('trongridApiKey')).toBe(false);
    expect(Object.keys(running.chain.readers)).toEqual(['tether-trc20']);
  });
});
