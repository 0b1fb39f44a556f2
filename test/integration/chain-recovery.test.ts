import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEtherscanReader } from '../../electron/pos/chain/etherscan';
import { createRecoveryRunner } from '../../electron/pos/chain/recovery-runner';
import { createTronGridReader } from '../../electron/pos/chain/tron';
import type { Transfer } from '../../electron/pos/chain/types';
import type { Sale } from '../../shared/sale';
import {
  chainSale, evmAddress, evmHash, startEtherscanDouble, startTronGridDouble, tronAddress, tronTxId,
  USDT_BEP20, USDT_TRC20, type ChainTransfer, type ExplorerDouble,
} from '../helpers/explorers';

const SHOP = tronAddress('shop');
const PAYER = tronAddress('payer');
const SHOP_EVM = '0x9aF1b1C5c7b9E6f2f4A1d3c5E7b9A1c3E5f7A9b1';
const HOUR_MS = 60 * 60 * 1000;

let tron: ExplorerDouble;
let bsc: ExplorerDouble;
beforeAll(async () => {
  tron = await startTronGridDouble();
  bsc = await startEtherscanDouble();
});
afterAll(async () => {
  await Promise.all([tron.close(), bsc.close()]);
});
afterEach(() => {
  for (const double of [tron, bsc]) {
    double.transfers.length = 0;
    double.requests.length = 0;
    double.faults.length = 0;
    double.alwaysFault = null;
  }
});

const tronReader = () => createTronGridReader({ baseUrl: tron.baseUrl, minIntervalMs: 5, rateLimitBackoffMs: 20 });
const bscReader = () => createEtherscanReader({ blockchain: 'tether-bep20', baseUrl: `${bsc.baseUrl}/api`, minIntervalMs: 5 });

function paid(seed: string, value: string, at: Date, overrides: Partial<ChainTransfer> = {}): ChainTransfer {
  return { hash: tronTxId(seed), from: PAYER, to: SHOP, contract: USDT_TRC20, value, decimals: 6, symbol: 'USDT', timestampMs: at.getTime(), ...overrides };
}

function ago(ms: number): Date {
  return new Date(Date.now() - ms);
}

describe('the recovery runner', () => {
  function candidates(): Sale[] {
    return [
      chainSale({ id: 'a', cryptoAmount: '13.571234', createdAt: ago(5 * HOUR_MS).toISOString() }),
      chainSale({ id: 'b', cryptoAmount: '13.571235', createdAt: ago(4 * HOUR_MS).toISOString(), status: 'expired' }),
      chainSale({ id: 'c', cryptoAmount: '9.100001', createdAt: ago(3 * HOUR_MS).toISOString() }),
      chainSale({ id: 'paid-already', status: 'paid' }),
      chainSale({ id: 'too-old', createdAt: ago(15 * 24 * HOUR_MS).toISOString() }),
      chainSale({ id: 'bsc', blockchain: 'tether-bep20', address: SHOP_EVM, cryptoAmount: '5.000001' }),
    ];
  }

  it('records each found payment once through onFound, asking each address once and leaving unpaid sales alone', async () => {
    tron.transfers.push(paid('pay-a', '13571234', ago(4 * HOUR_MS)), paid('pay-b', '13571235', ago(3 * HOUR_MS)), paid('noise', '1000000', ago(HOUR_MS)));
    bsc.transfers.push({
      hash: evmHash('pay-bsc'), from: evmAddress('payer'), to: SHOP_EVM, contract: USDT_BEP20, value: '5000001000000000000', decimals: 18,
      symbol: 'USDT', timestampMs: ago(HOUR_MS / 4).getTime(),
    });
    const recorded: Array<[string, Transfer]> = [];
    const runner = createRecoveryRunner({
      readers: { 'tether-trc20': tronReader(), 'tether-bep20': bscReader() },
      listCandidates: candidates,
      isClaimed: () => false,
      onFound: (sale, transfer) => {
        recorded.push([sale.id, transfer]);
      },
    });
    const report = await runner.run('start');
    expect(recorded.map(([id, t]) => [id, t.hash])).toEqual([
      ['a', tronTxId('pay-a')],
      ['b', tronTxId('pay-b')],
      ['bsc', evmHash('pay-bsc')],
    ]);
    expect(report).toMatchObject({ trigger: 'start', checked: 4, searches: 2, errors: [], deferred: 0 });
    expect(tron.requests).toHaveLength(1);
    expect(bsc.requests).toHaveLength(1);
    // One search since the oldest candidate on that address.
    expect(Number(tron.requests[0]?.query.get('min_timestamp'))).toBeLessThanOrEqual(ago(5 * HOUR_MS).getTime());
  });

  it('never offers a transfer already recorded for another sale, nor one made before the sale', async () => {
    tron.transfers.push(paid('claimed', '13571234', ago(4 * HOUR_MS)), paid('before-sale', '13571235', ago(6 * HOUR_MS)));
    const asked: string[] = [];
    const found: string[] = [];
    const runner = createRecoveryRunner({
      readers: { 'tether-trc20': tronReader() },
      listCandidates: () => candidates().filter((sale) => sale.blockchain === 'tether-trc20'),
      isClaimed: (hash) => {
        asked.push(hash);
        return hash === tronTxId('claimed');
      },
      onFound: (sale) => {
        found.push(sale.id);
      },
    });
    const report = await runner.run('manual');
    expect(found).toEqual([]);
    expect(report.found).toEqual([]);
    expect(asked).toContain(tronTxId('claimed'));
  });

  it('joins a pass already running instead of starting a second burst', async () => {
    tron.transfers.push(paid('pay-a', '13571234', ago(4 * HOUR_MS)));
    const runner = createRecoveryRunner({
      readers: { 'tether-trc20': tronReader() },
      listCandidates: () => candidates().filter((sale) => sale.blockchain === 'tether-trc20'),
      isClaimed: () => false,
      onFound: () => undefined,
    });
    const [first, second] = await Promise.all([runner.run('tunnel-back'), runner.run('timer')]);
    expect(second).toBe(first);
    expect(tron.requests).toHaveLength(1);
  });

  it('reports an explorer failure per address and keeps going with the others', async () => {
    tron.alwaysFault = { kind: 'http-error', status: 502 };
    bsc.transfers.push({
      hash: evmHash('pay-bsc'), from: evmAddress('payer'), to: SHOP_EVM, contract: USDT_BEP20, value: '5000001000000000000', decimals: 18,
      symbol: 'USDT', timestampMs: ago(HOUR_MS / 4).getTime(),
    });
    const found: string[] = [];
    const runner = createRecoveryRunner({
      readers: { 'tether-trc20': tronReader(), 'tether-bep20': bscReader() },
      listCandidates: candidates,
      isClaimed: () => false,
      onFound: (sale) => {
        found.push(sale.id);
      },
    });
    const report = await runner.run('manual');
    expect(found).toEqual(['bsc']);
    expect(report.errors).toEqual([{ blockchain: 'tether-trc20', error: { code: 'explorer-error', message: expect.stringMatching(/TronGrid answered with an error \(HTTP 502\)/) as string } }]);
  });

  it('leaves the rest for the next pass when the time budget runs out', async () => {
    const runner = createRecoveryRunner({
      readers: { 'tether-trc20': tronReader(), 'tether-bep20': bscReader() },
      listCandidates: candidates,
      isClaimed: () => false,
      onFound: () => undefined,
      budgetMs: 0,
    });
    const report = await runner.run('timer');
    // No time at all: every candidate (a, b, c on Tron, one on BSC) waits for the next pass, nothing was asked.
    expect(report).toMatchObject({ searches: 0, checked: 0, deferred: 4, found: [] });
    expect(tron.requests).toHaveLength(0);
    expect(bsc.requests).toHaveLength(0);
  });
});
