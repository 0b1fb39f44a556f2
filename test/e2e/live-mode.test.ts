// Live mode end to end in real Chromium against browser mode (`node dist/serve.js`): the API key
// from the environment, the gateway a loopback server that follows CONTRACT.md, and the public URL
// a loopback proxy in front of the webhook listener (standing in for a tunnel or reverse proxy).
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { contractViolations, fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { tempDir } from '../helpers/temp';
import { freePort } from '../helpers/ports';
import { readZipWithPython } from '../helpers/python-zip';
import { listLogFiles } from '../../electron/pos/logs/log-file';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const API_KEY = 'mk_live_E2E_4f3e2d1c0b9a8877665544_k3y9';
const AUTHTOKEN = '2e2eNgrokAuthtoken_abcdefghijklmnop_123456';

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
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
});
afterEach(async () => {
  await mode?.stop();
  mode = null;
  await gateway.close();
  await proxy.close();
  dir.remove();
});


/** Every PosApi method's raw answer, successful or not, as the page would receive it. */
async function everyMethodAnswer(current: BrowserMode, sale: Sale): Promise<string> {
  const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
  const calls: [string, unknown][] = [
    ['getStatus', {}],
    ['getSettings', {}],
    ['checkReachability', {}],
    ['updateSettings', { shopName: 'Live Shop' }],
    ['updateSettings', { apiKey: 'another-key-12345678' }],
    ['getSale', { saleId: sale.id }],
    ['listSales', {}],
    ['cancelSale', { saleId: sale.id }],
    ['startSale', { amount: 'abc' }],
    ['historyPage', day],
    ['historySummary', day],
    ['dayClose', day],
    ['getReceipt', { saleId: sale.id }],
    ['openExplorer', { saleId: sale.id }],
    ['resolveReview', { saleId: sale.id, decision: 'accept', reason: 'checked it' }],
    ['markPaid', { saleId: sale.id, txHash: 'ab'.repeat(32), note: 'checked it' }],
    ['voidSale', { saleId: sale.id, reason: 'checked it' }],
    ['exportCsv', day],
    ['savePdf', {}],
    ['exportDiagnostics', {}],
  ];
  let all = '';
  for (const [method, args] of calls) {
    const response = await fetch(`${current.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${current.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    all += `${method}: ${await response.text()}\n`;
  }
  return all;
}

/** What the event stream carried (the page's view of every event) until it carried `last`. */
async function eventStream(current: BrowserMode, during: () => Promise<void>, last: string): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${current.origin}/api/events`, { headers: { authorization: `Bearer ${current.token}` }, signal: controller.signal });
  let text = '';
  const reading = (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const step = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (step.done) return;
      text += Buffer.from(step.value as Uint8Array).toString('utf8');
    }
  })();
  await during();
  await expect.poll(() => text, { timeout: 10_000 }).toContain(last);
  controller.abort();
  await reading;
  return text;
}

describe('live mode in a real browser', () => {
  it('charges through the real contract, turns green on a genuine notice, ignores a forged one, and never shows a secret', async () => {
    const webhookPort = await freePort();
    proxy.target = `http://127.0.0.1:${webhookPort}`;
    mode = await startBrowserMode(
      ['--data', dir.path, '--currency', 'EUR', '--gateway-url', gateway.baseUrl, '--public-url', proxy.url, '--webhook-port', String(webhookPort)],
      { MITILENA_API_KEY: API_KEY, NGROK_AUTHTOKEN: AUTHTOKEN },
    );
    const current = mode;
    expect(current.output()).toMatch(/^Mode: live \(real money\)$/m);
    expect(current.webhookUrl.startsWith(`${proxy.url}/mitilena/webhook/`)).toBe(true);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(current.cashierUrl);
    await page.getByText('Webhook reachable').waitFor({ timeout: 10_000 });
    expect(await page.getByText('Sandbox — no real money').count()).toBe(0);

    gateway.answerWith({ kind: 'invoice', body: { ...fixtureInvoice(), expiresAt: new Date(Date.now() + 3600_000).toISOString() } });
    let saleRaw = '';
    const events = await eventStream(current, async () => {
      for (const key of ['4', 'Decimal point', '2', '0']) await page.getByRole('button', { name: key, exact: true }).click();
      await page.getByRole('button', { name: 'Charge', exact: true }).click();
      await page.getByRole('img', { name: /QR/ }).waitFor();

      // The gateway got exactly what the contract asks, including where to send the notice.
      expect(gateway.requests).toHaveLength(1);
      const request = gateway.requests[0];
      if (!request) throw new Error('no request');
      expect(contractViolations(request, API_KEY)).toEqual([]);
      const body = request.body as Record<string, unknown>;
      expect(request.rawBody).toContain('"fiatAmount":4.2');
      expect(body.webHookPostUrl_yours).toBe(current.webhookUrl);
      const [sale] = await callApi<Sale[]>(current, 'listSales', {});
      if (!sale) throw new Error('no sale');
      expect(sale).toMatchObject({ status: 'pending', sandbox: false, webhookUrl: current.webhookUrl });

      // A forged notice (someone who guessed the URL but not the key) changes nothing.
      const forged = await postNotice(current.webhookUrl, paidNoticeFor(sale, 'not-the-key-000000'), 'not-the-key-000000');
      expect(forged.status).toBe(401);
      expect((await callApi<Sale>(current, 'getSale', { saleId: sale.id })).status).toBe('pending');
      await expect.poll(async () => page.getByRole('status').textContent()).toMatch(/Waiting for payment/);

      // The gateway's genuine notice, to the URL it was given (through the public side).
      const genuine = await postNotice(body.webHookPostUrl_yours as string, paidNoticeFor(sale, API_KEY), API_KEY);
      expect(genuine.status).toBe(200);
      await expect.poll(async () => page.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Paid');
      saleRaw = JSON.stringify(await callApi<Sale>(current, 'getSale', { saleId: sale.id }));
    }, '"status":"paid"');
    const paid = JSON.parse(saleRaw) as Sale;
    expect(paid.status).toBe('paid');

    // No secret anywhere the page or a log can see.
    const html = await page.content();
    const answers = await everyMethodAnswer(current, paid);
    // Settings → Export diagnostics: the browser downloads one zip for support (opened with Python's zipfile).
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export diagnostics' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mitilena-diagnostics-\d{8}-\d{4}\.zip$/);
    const diagnostics = readZipWithPython(await download.path());
    expect(JSON.parse(diagnostics['ledger.json'] as string)).toMatchObject({ integrityCheck: ['ok'] });
    await page.close();
    expect(await current.stop()).toBe(0);
    const logs = listLogFiles(join(dir.path, 'logs')).map((file) => readFileSync(file, 'utf8')).join('');
    const leakable = [['page', html], ['PosApi answers', answers], ['events', events], ['browser mode output', current.output()], ['log files', logs], ...Object.entries(diagnostics).map(([name, text]) => [`diagnostics ${name}`, text])] as const;
    for (const [where, text] of leakable) {
      expect(text.length, where).toBeGreaterThan(0);
      expect(text.includes(API_KEY), `API key in ${where}`).toBe(false);
      expect(text.includes(AUTHTOKEN), `authtoken in ${where}`).toBe(false);
      expect(text.includes(API_KEY.slice(0, 16)), `part of the API key in ${where}`).toBe(false);
    }
    expect(answers).toMatch(/updateSettings: .*MITILENA_API_KEY environment variable/);
    expect(answers).toContain('"last4":"k3y9"');
  });

  it('refuses Charge in live mode while the public URL does not reach the counter', async () => {
    proxy.behaviour = { kind: 'status', status: 502 };
    mode = await startBrowserMode(['--data', dir.path, '--gateway-url', gateway.baseUrl, '--public-url', proxy.url], { MITILENA_API_KEY: API_KEY });
    const current = mode;
    await expect.poll(async () => (await callApi<{ reachability: { state: string } }>(current, 'getStatus')).reachability.state, { timeout: 10_000 }).toBe('unreachable');
    const refused = await fetch(`${current.origin}/api/startSale`, {
      method: 'POST',
      headers: { authorization: `Bearer ${current.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '1.00' }),
    }).then((response) => response.json() as Promise<{ ok: boolean; error?: { code: string; message: string } }>);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringMatching(/answered 502/) } });
    expect(gateway.requests).toHaveLength(0);
  });
});
