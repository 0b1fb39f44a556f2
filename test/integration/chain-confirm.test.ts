import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { confirmNotice } from '../../electron/pos/chain/confirm';
import { createEtherscanReader } from '../../electron/pos/chain/etherscan';
import { createTronGridReader } from '../../electron/pos/chain/tron';
import {
  chainSale, evmAddress, evmHash, startEtherscanDouble, startTronGridDouble, tronAddress, tronTxId,
  USDT_BEP20, USDT_ERC20, USDT_TRC20, type ChainTransfer, type ExplorerDouble,
} from '../helpers/explorers';

const SHOP = tronAddress('shop');
const PAYER = tronAddress('payer');
const SHOP_EVM = '0x9aF1b1C5c7b9E6f2f4A1d3c5E7b9A1c3E5f7A9b1';
const noWait = { unknownHashRetries: 0 };

let tron: ExplorerDouble;
let eth: ExplorerDouble;
beforeAll(async () => {
  tron = await startTronGridDouble();
  eth = await startEtherscanDouble();
});
afterAll(async () => {
  await Promise.all([tron.close(), eth.close()]);
});
afterEach(() => {
  for (const double of [tron, eth]) {
    double.transfers.length = 0;
    double.requests.length = 0;
    double.faults.length = 0;
    double.alwaysFault = null;
  }
});

const tronReader = (timeoutMs = 2000) => createTronGridReader({ baseUrl: tron.baseUrl, timeoutMs, minIntervalMs: 5 });
const ercReader = () => createEtherscanReader({ blockchain: 'tether-erc20', baseUrl: `${eth.baseUrl}/api`, minIntervalMs: 5 });
const bepReader = () => createEtherscanReader({ blockchain: 'tether-bep20', baseUrl: `${eth.baseUrl}/api`, minIntervalMs: 5 });

function onTron(seed: string, overrides: Partial<ChainTransfer> = {}): ChainTransfer {
  return { hash: tronTxId(seed), from: PAYER, to: SHOP, contract: USDT_TRC20, value: '13571234', decimals: 6, symbol: 'USDT', timestampMs: Date.now() - 60_000, ...overrides };
}

describe('confirming a notice on the chain', () => {
  it('confirms a TRC20 notice whose transaction paid the exact amount of USDT to the invoice address', async () => {
    tron.transfers.push(onTron('paid'));
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('paid'), noWait);
    expect(verdict).toMatchObject({ verdict: 'confirmed', transfer: { hash: tronTxId('paid'), amountBaseUnits: 13_571_234n } });
  });

  it('contradicts a notice whose transaction paid another amount, saying both', async () => {
    tron.transfers.push(onTron('short', { value: '13571233' }));
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('short'), noWait);
    expect(verdict).toMatchObject({ verdict: 'contradicted', reason: 'wrong-amount' });
    if (verdict.verdict !== 'contradicted') throw new Error('unreachable');
    expect(verdict.detail).toContain('paid 13.571233 USDT; the invoice asked exactly 13.571234 USDT');
  });

  it('contradicts a notice whose transaction paid someone else', async () => {
    tron.transfers.push(onTron('elsewhere', { to: tronAddress('another shop') }));
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('elsewhere'), noWait);
    expect(verdict).toMatchObject({ verdict: 'contradicted', reason: 'wrong-address' });
  });

  it('contradicts a notice whose transaction moved another token with the same amount', async () => {
    tron.transfers.push(onTron('fake-usdt', { contract: tronAddress('fake usdt contract') }));
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('fake-usdt'), noWait);
    expect(verdict).toMatchObject({ verdict: 'contradicted', reason: 'wrong-token' });
  });

  it('contradicts a notice naming a hash the chain does not know, after looking again', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('never'), { unknownHashRetries: 2, unknownHashDelayMs: 5000, sleep });
    expect(verdict).toMatchObject({ verdict: 'contradicted', reason: 'unknown-hash' });
    expect(waits).toEqual([5000, 5000]);
    expect(tron.requests).toHaveLength(3);
    expect(await confirmNotice(tronReader(), chainSale(), 'bogus', noWait)).toMatchObject({ verdict: 'contradicted', reason: 'unknown-hash' });
  });

  it('confirms a hash that the explorer indexes a moment after the notice', async () => {
    const sleep = async () => {
      tron.transfers.push(onTron('late-index'));
    };
    const verdict = await confirmNotice(tronReader(), chainSale(), tronTxId('late-index'), { unknownHashRetries: 1, sleep });
    expect(verdict.verdict).toBe('confirmed');
  });

  it('is unavailable, not contradicted, when the explorer is down or slow', async () => {
    tron.faults.push({ kind: 'hang' });
    const slow = await confirmNotice(tronReader(200), chainSale(), tronTxId('paid'), noWait);
    expect(slow).toMatchObject({ verdict: 'unavailable', error: { code: 'explorer-unreachable' } });
    tron.faults.push({ kind: 'http-error', status: 503 });
    expect(await confirmNotice(tronReader(), chainSale(), tronTxId('paid'), noWait)).toMatchObject({ verdict: 'unavailable', error: { code: 'explorer-error' } });
  });

  it('confirms an ERC20 notice from the receipt logs, whatever the address case', async () => {
    eth.transfers.push({ hash: evmHash('erc'), from: evmAddress('payer'), to: SHOP_EVM.toLowerCase(), contract: USDT_ERC20, value: '13571234', decimals: 6, symbol: 'USDT', timestampMs: Date.now() - 60_000 });
    const sale = chainSale({ blockchain: 'tether-erc20', address: SHOP_EVM });
    expect((await confirmNotice(ercReader(), sale, evmHash('erc').toUpperCase().replace('0X', '0x'), noWait)).verdict).toBe('confirmed');
  });

  it('holds BEP20 USDT to its 18 decimals: the 6-decimal figure is a wrong amount', async () => {
    const base = { from: evmAddress('payer'), to: SHOP_EVM, contract: USDT_BEP20, decimals: 18, symbol: 'USDT', timestampMs: Date.now() - 60_000 };
    eth.transfers.push({ ...base, hash: evmHash('bep-ok'), value: '13571234000000000000' }, { ...base, hash: evmHash('bep-6'), value: '13571234' });
    const sale = chainSale({ blockchain: 'tether-bep20', address: SHOP_EVM });
    expect((await confirmNotice(bepReader(), sale, evmHash('bep-ok'), noWait)).verdict).toBe('confirmed');
    expect(await confirmNotice(bepReader(), sale, evmHash('bep-6'), noWait)).toMatchObject({ verdict: 'contradicted', reason: 'wrong-amount' });
  });

  it('does not judge a sale on another chain than the reader', async () => {
    const verdict = await confirmNotice(ercReader(), chainSale(), tronTxId('paid'), noWait);
    expect(verdict).toMatchObject({ verdict: 'unavailable', error: { code: 'invalid-input' } });
  });
});
