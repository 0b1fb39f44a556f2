// Issue 9 over real HTTP: notices as a real gateway may send them, against live sales made through a
// contract gateway and a loopback "public" proxy. Each case of the "Why" ends as it should:
// what decides nothing is read liberally, what decides money exactly, and no keyed notice is lost.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type CoreOptions, type RunningCore } from '../../electron/pos/core';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import type { PosStatus } from '../../shared/api';
import type { Sale } from '../../shared/sale';
import { fixtureInvoice, startContractGateway, type ContractAnswer, type ContractGateway } from '../helpers/contract-gateway';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { memorySecrets, type MemorySecretStore } from '../helpers/secrets';
import { alterLedger, ledgerRows } from '../helpers/ledger-file';
import { tempDir } from '../helpers/temp';

const KEY_A = 'live-key-A-0a1b2c3d4e5f6a7b8c9d';
const KEY_B = 'live-key-B-9f8e7d6c5b4a3f2e1d0c';

let dir: ReturnType<typeof tempDir>;
const ledgerFile = (): string => join(dir.path, DATABASE_FILE);
let gateway: ContractGateway;
let proxy: PublicProxy;
let core: RunningCore | null = null;
let secrets: MemorySecretStore;

beforeEach(async () => {
  dir = tempDir();
  gateway = await startContractGateway();
  gateway.answerWith({ kind: 'fresh-invoice' });
  proxy = await startPublicProxy();
  secrets = memorySecrets({ apiKey: KEY_A });
});

afterEach(async () => {
  await core?.close();
  core = null;
  await gateway.close();
  await proxy.close();
  dir.remove();
});

async function start(options: Partial<CoreOptions> = {}): Promise<RunningCore> {
  await core?.close();
  const started = await startCore({ dataDir: dir.path, secrets, gatewayUrl: gateway.baseUrl, publicUrl: proxy.url, invoiceTimeoutMs: 2_000, tunnel: { reachabilityTimeoutMs: 1_000 }, ...options });
  proxy.target = new URL(started.webhookLocalUrl).origin;
  core = started;
  if (started.status().mode === 'live') await expect.poll(() => started.status().reachability.state, { timeout: 5000 }).toBe('reachable');
  return started;
}

async function charge(running: RunningCore, answer?: ContractAnswer): Promise<Sale> {
  if (answer) gateway.answerWith(answer);
  const result = await running.handlers.startSale({ amount: '1.45' });
  gateway.answerWith({ kind: 'fresh-invoice' });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.status).toBe('pending');
  return result.value;
}

function reload(running: RunningCore, sale: Sale): Sale {
  return running.ledger.getSale(sale.id) as Sale;
}

/** A notice exactly as paidNoticeFor builds it, with fields replaced by raw JSON text (to send numbers as written). */
function noticeText(sale: Sale, key: string, overrides: Record<string, unknown> = {}, raw: Record<string, string> = {}): string {
  const statusObj: Record<string, unknown> = { ...paidNoticeFor(sale, key).statusObj, ...overrides };
  for (const field of Object.keys(raw)) statusObj[field] = `@@${field}@@`;
  let text = JSON.stringify({ statusObj });
  for (const [field, written] of Object.entries(raw)) text = text.replace(`"@@${field}@@"`, written);
  return text;
}

async function send(running: RunningCore, text: string, key: string | null, path = ''): Promise<{ status: number; text: string }> {
  return postNotice(`${running.webhookLocalUrl}${path}`, null, key, { rawBody: text });
}

describe('what decides nothing is read liberally', () => {
  it('pays with echo fields null or a number and a hash that is ""', async () => {
    const running = await start();
    const sale = await charge(running);
    const answer = await send(running, noticeText(sale, KEY_A, { yourProductName: null, blockchainHash: '' }, { yourProductId: '85' }), KEY_A);
    expect(answer.status).toBe(200);
    expect(reload(running, sale)).toMatchObject({ status: 'paid', txHash: null });
    // The notice is kept as it came, numbers as numbers, without the key.
    const kept = running.ledger.events(sale.id).at(-1)?.detail as Record<string, unknown>;
    expect(kept).toMatchObject({ yourProductName: null, yourProductId: 85, blockchainHash: '' });
    expect(JSON.stringify(kept)).not.toContain(KEY_A);
  });

  it('pays with the currency code and the token in lower case, and keeps unknown extra fields', async () => {
    const running = await start();
    const sale = await charge(running);
    expect((await send(running, noticeText(sale, KEY_A, { localCurrencyCode: 'eur', stableCoinSymbol: 'usdt', gatewayVersion: 'v2.1' }), KEY_A)).status).toBe(200);
    expect(reload(running, sale).status).toBe('paid');
    expect(running.ledger.events(sale.id).at(-1)?.detail).toMatchObject({ gatewayVersion: 'v2.1', localCurrencyCode: 'eur' });
  });

  it.each(['TRC20', 'trc-20', 'TRON', 'tether-trc20', 'USDT-TRC20', 'USDT_TRC20', 'Tron (TRC20)', 'trx'])('pays a TRC20 invoice whose notice names its network as %s', async (label) => {
    const running = await start();
    const sale = await charge(running);
    await send(running, noticeText(sale, KEY_A, { stableCoinBlockchain: label }), KEY_A);
    expect(reload(running, sale).status).toBe('paid');
  });

  it.each(['BSC', 'BNB Smart Chain (BEP20)', 'bep-20', 'tether-bep20', 'Binance Smart Chain'])('pays a BEP20 invoice whose notice names its network as %s', async (label) => {
    const running = await start();
    await running.handlers.updateSettings({ blockchain: 'tether-bep20' });
    const sale = await charge(running);
    await send(running, noticeText(sale, KEY_A, { stableCoinBlockchain: label }), KEY_A);
    expect(reload(running, sale).status).toBe('paid');
  });

  it.each(['ERC20', 'Ethereum', 'BEP20', 'BEP2', 'Solana', 'Polygon', 'OMNI'])('sends a TRC20 sale whose notice clearly names %s to review', async (label) => {
    const running = await start();
    const sale = await charge(running);
    await send(running, noticeText(sale, KEY_A, { stableCoinBlockchain: label }), KEY_A);
    expect(reload(running, sale)).toMatchObject({ status: 'review', reviewReason: 'wrong-currency' });
  });

  it('lets the invoice id and the exact amount decide when the label cannot be placed, and says so in the sale log', async () => {
    const running = await start();
    const sale = await charge(running);
    await send(running, noticeText(sale, KEY_A, { stableCoinBlockchain: 'chain-7' }), KEY_A);
    expect(reload(running, sale).status).toBe('paid');
    expect(JSON.stringify(running.ledger.events(sale.id).at(-1)?.detail)).toContain('network \\"chain-7\\" could not be placed; the invoice id and the exact amount decided');
  });

  it('takes the webhook URL with a trailing slash or a query string added by a proxy', async () => {
    const running = await start();
    const first = await charge(running);
    expect((await send(running, noticeText(first, KEY_A), KEY_A, '/')).status).toBe(200);
    const second = await charge(running);
    expect((await send(running, noticeText(second, KEY_A), KEY_A, '?utm=proxy&x=1')).status).toBe(200);
    const third = await charge(running);
    expect((await send(running, noticeText(third, KEY_A), KEY_A, '/?x=1')).status).toBe(200);
    expect([first, second, third].map((sale) => reload(running, sale).status)).toEqual(['paid', 'paid', 'paid']);
    expect((await send(running, noticeText(third, KEY_A), KEY_A, '//')).status).toBe(404);
  });
});

describe('what decides money is exact', () => {
  it('judges a JSON-number amount on its written digits: 13.63000699999999999 is below 13.630007', async () => {
    const running = await start();
    const under = await charge(running, { kind: 'fresh-invoice', overrides: { cryptoValue: '13.630007', usdtOverAmount: '13.630007' } });
    await send(running, noticeText(under, KEY_A, {}, { stableCoinAmount: '13.63000699999999999', localCurrencyAmount: '1.45' }), KEY_A);
    expect(reload(running, under)).toMatchObject({ status: 'review', reviewReason: 'underpaid', paidCryptoAmount: '13.63000699999999999' });
    const exact = await charge(running, { kind: 'fresh-invoice', overrides: { cryptoValue: '13.630007', usdtOverAmount: '13.630007' } });
    await send(running, noticeText(exact, KEY_A, {}, { stableCoinAmount: '13.6300070000000000', localCurrencyAmount: '1.450' }), KEY_A);
    expect(reload(running, exact)).toMatchObject({ status: 'paid', overpaid: false });
  });

  it('judges an 18-decimal BEP20 amount exactly, as a string or a JSON number', async () => {
    const running = await start();
    await running.handlers.updateSettings({ blockchain: 'tether-bep20' });
    const amount = '1.580437000000000001';
    const asNumber = await charge(running, { kind: 'fresh-invoice', overrides: { cryptoValue: amount } });
    await send(running, noticeText(asNumber, KEY_A, { stableCoinBlockchain: 'BEP20' }, { stableCoinAmount: amount }), KEY_A);
    expect(reload(running, asNumber).status).toBe('paid');
    const oneWeiShort = await charge(running, { kind: 'fresh-invoice', overrides: { cryptoValue: amount } });
    await send(running, noticeText(oneWeiShort, KEY_A, { stableCoinBlockchain: 'BEP20', stableCoinAmount: '1.580437000000000000' }), KEY_A);
    expect(reload(running, oneWeiShort)).toMatchObject({ status: 'review', reviewReason: 'underpaid' });
  });
});

describe('the sale\'s own key verifies its notices', () => {
  it('pays a sale made with key A after the owner changed to key B, refuses an unknown key, and never lets the sandbox key pay a live sale', async () => {
    let running = await start();
    const madeWithA = await charge(running);
    const alsoA = await charge(running);
    await running.close();

    secrets.values.set('apiKey', KEY_B);
    running = await start();
    expect(running.status().apiKeyLast4).toBe(KEY_B.slice(-4));
    expect((await send(running, noticeText(madeWithA, 'live-key-C-unknown-1234567890'), 'live-key-C-unknown-1234567890')).status).toBe(401);
    expect((await send(running, noticeText(madeWithA, KEY_A), KEY_A)).status).toBe(200);
    expect(reload(running, madeWithA).status).toBe('paid');
    const madeWithB = await charge(running);

    // Back to the sandbox: its own key (readable in the ledger) pays no live sale; their own keys still do.
    expect((await running.handlers.updateSettings({ apiKey: null })).ok).toBe(true);
    expect(running.status().mode).toBe('sandbox');
    const sandboxKey = running.ledger.getMeta('sandbox_key') as string;
    expect((await send(running, noticeText(alsoA, sandboxKey), sandboxKey)).status).toBe(401);
    expect((await send(running, noticeText(madeWithB, sandboxKey), sandboxKey)).status).toBe(401);
    expect(reload(running, madeWithB).status).toBe('pending');
    expect((await send(running, noticeText(madeWithB, KEY_B), KEY_B)).status).toBe(200);
    expect((await send(running, noticeText(alsoA, KEY_A), KEY_A)).status).toBe(200);
    expect([reload(running, madeWithB).status, reload(running, alsoA).status]).toEqual(['paid', 'paid']);

    // And a live key pays no sandbox sale.
    const sandboxSale = await charge(running);
    expect(sandboxSale.sandbox).toBe(true);
    expect((await send(running, noticeText(sandboxSale, KEY_B), KEY_B)).status).toBe(401);
    expect((await send(running, noticeText(sandboxSale, sandboxKey), sandboxKey)).status).toBe(200);
    // The ledger holds fingerprints of the keys, never the keys.
    const ledger = JSON.stringify(ledgerRows(ledgerFile(), 'SELECT * FROM sales')) + JSON.stringify(ledgerRows(ledgerFile(), 'SELECT * FROM invoice_keys'));
    expect(ledger).not.toContain(KEY_A);
    expect(ledger).not.toContain(KEY_B);
  });
});

describe('a paid sale stays paid', () => {
  it('records a keyed notice naming another invoice as its own review entry, and the paid sale stays paid', async () => {
    const running = await start();
    const sale = await charge(running);
    await send(running, noticeText(sale, KEY_A), KEY_A);
    expect(reload(running, sale).status).toBe('paid');
    const answer = await send(running, noticeText(sale, KEY_A, { mitilenaInvoiceId: 'auto-somebody-else', blockchainHash: 'cd'.repeat(32) }), KEY_A);
    expect(answer.status).toBe(200);
    expect(reload(running, sale).status).toBe('paid');
    const entry = running.ledger.listSales({ status: 'review' });
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ reviewReason: 'invoice-mismatch', invoiceId: 'auto-somebody-else' });
  });

  it('judges a notice naming another sale\'s invoice while this sale is still creating as a mismatch, never a 5xx', async () => {
    const running = await start();
    const other = await charge(running);
    gateway.answerWith({ kind: 'hang' });
    const creating = running.handlers.startSale({ amount: '1.45' });
    await expect.poll(() => running.ledger.listSales({ status: 'creating' }).length).toBe(1);
    const [waiting] = running.ledger.listSales({ status: 'creating' }) as [Sale];
    const answer = await send(running, noticeText(waiting, KEY_A, { mitilenaInvoiceId: other.invoiceId as string, stableCoinAmount: '1.580437' }), KEY_A);
    expect(answer.status).toBe(200);
    expect(reload(running, waiting)).toMatchObject({ status: 'review', reviewReason: 'invoice-mismatch', invoiceId: null });
    expect(reload(running, other).status).toBe('pending');
    expect((await creating).ok).toBe(true);
  });
});

describe('no keyed notice is only a log line', () => {
  it('keeps an unreadable keyed notice redacted, sends its sale to review and tells the owner in the status', async () => {
    const running = await start();
    const statuses: PosStatus[] = [];
    running.on('status-changed', (status) => statuses.push(status));
    const sale = await charge(running);
    const broken = noticeText(sale, KEY_A, { stableCoinAmount: 'twelve', yourProductName: `echo ${KEY_A}` });
    expect((await send(running, broken, KEY_A)).status).toBe(200);
    expect(reload(running, sale)).toMatchObject({ status: 'review', reviewReason: 'unreadable-notice' });
    const warning = running.status().warnings.find((line) => line.includes('could not be read'));
    expect(warning).toMatch(/stableCoinAmount/);
    expect(statuses.at(-1)?.warnings).toContain(warning);
    const kept = ledgerRows<{ sale_id: string; body: string }>(ledgerFile(), 'SELECT sale_id, body FROM unread_notices');
    expect(kept).toEqual([{ sale_id: sale.id, body: expect.stringContaining('twelve') }]);
    expect(kept[0]?.body).not.toContain(KEY_A);
    // The gateway trying again hears the same 200 and nothing is kept twice.
    expect((await send(running, broken, KEY_A)).text).toBe('already recorded');
    expect(ledgerRows(ledgerFile(), 'SELECT count(*) AS n FROM unread_notices')).toEqual([{ n: 1 }]);
  });

  it('answers 5xx only when it could not keep the notice', async () => {
    const running = await start();
    const sale = await charge(running);
    // Staged behind the app's back, on a connection of the test's own: the disk refuses the write.
    alterLedger(ledgerFile(), "CREATE TRIGGER refuse_unread BEFORE INSERT ON unread_notices BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const answer = await send(running, noticeText(sale, KEY_A, { wasPaid: 'yes' }), KEY_A);
    expect(answer.status).toBe(500);
    expect(reload(running, sale).status).toBe('pending');
  });
});

describe('the gateway\'s words', () => {
  it('shows a 400 sent as text/html as the gateway wrote it, and stores no copy or fragment of the key', async () => {
    const running = await start();
    gateway.answerWith({ kind: 'raw', status: 400, contentType: 'text/html; charset=utf-8', body: `Error: key ${KEY_A.slice(0, 14)}… or ${[...KEY_A.slice(4)].join('\u200b')} is not allowed` });
    const result = await running.handlers.startSale({ amount: '1.45' });
    expect(result.ok && result.value).toMatchObject({ status: 'failed', failure: 'The gateway refused the invoice: Error: key [redacted]… or [redacted] is not allowed' });
    const ledger = JSON.stringify(ledgerRows(ledgerFile(), 'SELECT * FROM sale_events')) + JSON.stringify(ledgerRows(ledgerFile(), 'SELECT * FROM sales'));
    expect(ledger).not.toContain(KEY_A.slice(0, 10));
    expect(ledger.replace(/\u200b/g, '')).not.toContain(KEY_A.slice(4, 14));
  });
});

describe('waiting for the gateway', () => {
  it('gives up after its timeout and records on the failed sale an invoice that arrives later', async () => {
    const running = await start({ invoiceTimeoutMs: 300 });
    gateway.answerWith({ kind: 'late', delayMs: 800, then: { kind: 'invoice', body: { ...fixtureInvoice(), invoiceId: 'auto-late-1', paymentPage: 'https://mitilena.com/pay/auto-late-1' } } });
    const result = await running.handlers.startSale({ amount: '1.45' });
    expect(result.ok && result.value).toMatchObject({ status: 'failed', failure: expect.stringContaining('did not answer within') });
    const sale = (result.ok ? result.value : null) as Sale;
    await expect.poll(() => reload(running, sale).invoiceId, { timeout: 5000 }).toBe('auto-late-1');
    expect(reload(running, sale).status).toBe('failed');
    expect(running.ledger.events(sale.id).at(-1)?.cause).toBe('invoice arrived after giving up');
    // The customer paid it anyway: the notice finds its sale and is kept for review, not lost.
    await send(running, noticeText(reload(running, sale), KEY_A), KEY_A);
    expect(reload(running, sale)).toMatchObject({ status: 'review', reviewReason: 'late' });
  });

  it('cancels a charge by its request id while the invoice is still being created', async () => {
    const running = await start();
    gateway.answerWith({ kind: 'late', delayMs: 400, then: { kind: 'fresh-invoice' } });
    const pending = running.handlers.startSale({ amount: '1.45', requestId: 'req-waiting-0001' });
    await expect.poll(() => running.ledger.getSaleByRequestId('req-waiting-0001')?.status).toBe('creating');
    const cancelled = await running.handlers.cancelSale({ requestId: 'req-waiting-0001' });
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const settled = await pending;
    expect(settled.ok && settled.value).toMatchObject({ status: 'cancelled', invoiceId: expect.stringMatching(/^auto-test-/) });
    expect(await running.handlers.cancelSale({ requestId: 'req-never-sent-1' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
