// A lost notice recovered from the blockchain, end to end in real Chromium against browser mode
// (`node dist/serve.js`) in live mode: the gateway a loopback contract server, the public URL a
// loopback proxy, TronGrid a loopback double. The notice is never delivered; the explorer shows the
// customer's transfer, the recovery timer finds it, and the cashier sees Paid, the owner is told.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { startTronGridDouble, tronAddress, tronTxId, USDT_TRC20, type ExplorerDouble } from '../helpers/explorers';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { tempDir } from '../helpers/temp';
import { freePort } from '../helpers/ports';

const API_KEY = 'mk_live_E2E_chain_0a1b2c3d4e5f60718293_k3y7';
const SHOP = tronAddress('e2e-shop');

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let tron: ExplorerDouble;
let mode: BrowserMode | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  proxy = await startPublicProxy();
  tron = await startTronGridDouble();
});
afterEach(async () => {
  await mode?.stop();
  mode = null;
  await Promise.all([gateway.close(), proxy.close(), tron.close()]);
  dir.remove();
});


describe('a lost notice recovered from the blockchain', () => {
  it('turns a sale whose notice never came paid (recovered) on screen, and tells the owner', async () => {
    const webhookPort = await freePort();
    proxy.target = `http://127.0.0.1:${webhookPort}`;
    mode = await startBrowserMode(
      [
        '--data', dir.path, '--currency', 'EUR', '--gateway-url', gateway.baseUrl, '--public-url', proxy.url,
        '--webhook-port', String(webhookPort), '--tron-api', tron.baseUrl, '--chain-interval-ms', '300',
      ],
      { MITILENA_API_KEY: API_KEY, TRONGRID_API_KEY: '' },
    );
    const current = mode;
    expect(current.output()).toMatch(/^Mode: live \(real money\)$/m);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(current.cashierUrl);
    await page.getByText('Webhook reachable').waitFor({ timeout: 10_000 });

    const invoiceId = 'auto-e2e-chain-000001';
    gateway.answerWith({
      kind: 'invoice',
      body: {
        ...fixtureInvoice(),
        invoiceId,
        txId: invoiceId,
        paymentPage: `https://mitilena.com/pay/${invoiceId}`,
        cryptoValue: '13.571234',
        usdtOverAmount: '13.571234',
        receivedOnAddress: SHOP,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    for (const key of ['1', '2', 'Decimal point', '5', '0']) await page.getByRole('button', { name: key, exact: true }).click();
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    await expect.poll(async () => page.getByRole('status').textContent()).toMatch(/Waiting for payment/);
    const [sale] = await callApi<Sale[]>(current, 'listSales', {});
    if (!sale) throw new Error('no sale');
    expect(sale).toMatchObject({ status: 'pending', cryptoAmount: '13.571234', address: SHOP, sandbox: false });

    // The customer pays exactly the invoice; the gateway's notice is lost on the way (never sent).
    tron.transfers.push({
      hash: tronTxId('e2e-lost-notice'),
      from: tronAddress('e2e-customer'),
      to: SHOP,
      contract: USDT_TRC20,
      value: '13571234',
      decimals: 6,
      symbol: 'USDT',
      timestampMs: Date.parse(sale.createdAt) + 2000,
    });

    await expect.poll(async () => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Paid');
    expect(await page.getByRole('status').textContent()).toContain('recovered from the blockchain');
    await page.getByText(/^Recovered from chain/).waitFor();
    await page.getByText('1 payment recovered from the blockchain since the counter started (its notice never arrived): see History').waitFor({ timeout: 10_000 });

    const recovered = await callApi<Sale>(current, 'getSale', { saleId: sale.id });
    expect(recovered).toMatchObject({ status: 'paid', confirmation: 'recovered', txHash: tronTxId('e2e-lost-notice'), paidCryptoAmount: '13.571234' });
    const receipt = await callApi<{ events: { cause: string }[] }>(current, 'getReceipt', { saleId: sale.id });
    expect(receipt.events.map((event) => event.cause)).toContain('recovered from chain');
    expect(tron.requests.some((request) => request.path === `/v1/accounts/${SHOP}/transactions/trc20`)).toBe(true);
    expect(current.output()).toMatch(/recovered from TronGrid/);

    // The owner's History marks the sale; its receipt says so too.
    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const row = page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ hasText: 'Recovered from chain' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Paid');
    await row.click();
    await page.getByLabel('Receipt').getByText('Recovered from chain', { exact: true }).waitFor();
    await page.close();
  });
});
