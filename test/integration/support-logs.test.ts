// Logs and diagnostics after a live run over the real core: live mode with an API key, an ngrok
// authtoken (ngrok through its seam, failing once with the token in its error), explorer keys and a
// paid sale. The log files hold one record a line and no secret; the tunnel and reachability
// history is in them; the diagnostics zip (as a download, through a save dialog, and from the
// command line) opens with Python's zipfile and holds no secret either.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { listLogFiles } from '../../electron/pos/logs/log-file';
import { logsDirOf } from '../../electron/pos/logs/logger';
import { parseRecord } from '../../electron/pos/logs/record';
import type { TunnelDriver } from '../../electron/pos/tunnel/manager';
import type { Sale } from '../../shared/sale';
import { fixtureInvoice, startContractGateway, type ContractGateway } from '../helpers/contract-gateway';
import { startEtherscanDouble, startTronGridDouble, type ExplorerDouble } from '../helpers/explorers';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { startPublicProxy, type PublicProxy } from '../helpers/public-proxy';
import { readZipWithPython } from '../helpers/python-zip';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

// Random-looking, as real ones are (a secret spelling "authtoken" would take that word out of every line).
const API_KEY = 'mk_live_7a6b5c4d3e2f1a0b9c8d7e6f';
const AUTHTOKEN = '2Qx7bV9mKp3LrT8wZ4nY6cJ1dF5hG0sA_3xW';
const TRONGRID_KEY = '5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const ETHERSCAN_KEY = 'Q8W9E0R1T2Y3U4I5O6P7A8S9D0F1G2H3';
const DIAGNOSTICS_CLI = join(process.cwd(), 'dist', 'diagnostics.js');

let dir: ReturnType<typeof tempDir>;
let gateway: ContractGateway;
let proxy: PublicProxy;
let tron: ExplorerDouble;
let etherscan: ExplorerDouble;
let core: RunningCore;
let secrets: string[];
let sale: Sale;

beforeAll(async () => {
  dir = tempDir();
  [gateway, proxy, tron, etherscan] = await Promise.all([startContractGateway(), startPublicProxy(), startTronGridDouble(), startEtherscanDouble()]);
  let attempts = 0;
  const driver: TunnelDriver = {
    forward: async (options) => {
      attempts += 1;
      // ngrok's own error text can quote a piece of the token it was given; it must not reach the log.
      if (attempts === 1) throw new Error(`authentication failed: the authtoken ${options.authtoken.slice(0, 20)}… was not accepted`);
      proxy.target = `http://127.0.0.1:${options.port}`;
      return { url: proxy.url, close: async () => undefined, onClosed: () => undefined };
    },
  };
  core = await startCore({
    dataDir: dir.path,
    secrets: memorySecrets({ apiKey: API_KEY, ngrokAuthtoken: AUTHTOKEN, trongridApiKey: TRONGRID_KEY, etherscanApiKey: ETHERSCAN_KEY }),
    gatewayUrl: gateway.baseUrl,
    invoiceTimeoutMs: 2_000,
    chain: { tronApi: tron.baseUrl, etherscanApi: etherscan.baseUrl, intervalMs: 60_000 },
    tunnel: { tunnelDriver: driver, tunnelTimings: { reconnectInitialMs: 20 }, reachabilityTimeoutMs: 2_000 },
  });
  secrets = [API_KEY, AUTHTOKEN, TRONGRID_KEY, ETHERSCAN_KEY, core.ledger.getMeta('sandbox_key') as string, core.ledger.getMeta('webhook_token') as string];
  await until(() => core.status().reachability.state === 'reachable');
  gateway.answerWith({ kind: 'invoice', body: { ...fixtureInvoice(), expiresAt: new Date(Date.now() + 3600_000).toISOString() } });
  const started = await core.handlers.startSale({ amount: '12.00' });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  sale = started.value;
  const notice = await postNotice(core.status().webhookUrl as string, paidNoticeFor(sale, API_KEY), API_KEY);
  if (notice.status !== 200 || core.ledger.getSale(sale.id)?.status !== 'paid') throw new Error(`the notice was not recorded: ${notice.status} ${notice.text}`);
});

/** beforeAll has no expect.poll: waits for a condition, failing with a reason after 10 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('the live run did not get there in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  await core?.close();
  await Promise.all([gateway?.close(), proxy?.close(), tron?.close(), etherscan?.close()]);
  dir?.remove();
});

function expectNoSecret(text: string, where: string): void {
  for (const secret of secrets) {
    expect(text.includes(secret), `a secret in ${where}`).toBe(false);
    // Nor a piece of one long enough to matter (the redaction works on 8-character fragments).
    expect(text.includes(secret.slice(2, 14)), `part of a secret in ${where}`).toBe(false);
  }
}

function logText(): string {
  return listLogFiles(logsDirOf(dir.path))
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
}

describe('the logs after a live run', () => {
  it('are one JSON record a line, with the sale id where a line names a sale', () => {
    const lines = logText().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    const records = lines.map((line) => parseRecord(line));
    expect(records.every((record) => record !== null)).toBe(true);
    expect(records.some((record) => record?.area === 'tunnel' && record.level === 'warn' && /authentication failed/.test(record.message))).toBe(true);
    for (const record of records) if (record?.message.includes(sale.id)) expect(record.saleId).toBe(sale.id);
  });

  it('hold the tunnel and reachability history', () => {
    const records = logText().split('\n').filter(Boolean).map((line) => parseRecord(line));
    expect(records.some((record) => record?.area === 'tunnel' && record.message === `online ${proxy.url}`)).toBe(true);
    expect(records.some((record) => record?.area === 'reachability' && record.message.startsWith('reachable'))).toBe(true);
  });

  it('hold no API key, authtoken, explorer key, sandbox key or webhook token', () => {
    const text = logText();
    expect(text).toContain('[redacted]');
    expectNoSecret(text, 'the log files');
  });
});

describe('the diagnostics zip', () => {
  function expectSupportZip(entries: Record<string, string>, where: string): void {
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['README.txt', 'manifest.json', 'settings.json', 'ledger.json', 'connectivity.jsonl', 'logs/counter.log']));
    for (const [name, text] of Object.entries(entries)) expectNoSecret(text, `${where}: ${name}`);
    const settings = JSON.parse(entries['settings.json'] as string) as Record<string, unknown>;
    expect(settings).toMatchObject({ currency: 'EUR', tunnelMode: 'ngrok' });
    const ledger = JSON.parse(entries['ledger.json'] as string) as { integrityCheck: string[]; salesByStatus: Record<string, number> };
    expect(ledger.integrityCheck).toEqual(['ok']);
    expect(ledger.salesByStatus).toEqual({ paid: 1 });
    expect(JSON.parse(entries['manifest.json'] as string)).toMatchObject({ versions: { app: '0.1.0', node: process.versions.node } });
    expect(entries['connectivity.jsonl']).toContain(`online ${proxy.url}`);
  }

  it('comes as a one-time download in browser mode', async () => {
    const result = await core.handlers.exportDiagnostics({});
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.path).toBeNull();
    const download = core.downloads.take(result.value.downloadUrl as string);
    expect(download).toMatchObject({ filename: expect.stringMatching(/^mitilena-diagnostics-\d{8}-\d{4}\.zip$/), contentType: 'application/zip' });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await download?.write(out);
    const file = join(dir.path, 'downloaded.zip');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, Buffer.concat(chunks)));
    const entries = readZipWithPython(file);
    expectSupportZip(entries, 'the download');
    // Each secret only as set or not: not even the last 4 characters the Settings screen shows.
    const settings = JSON.parse(entries['settings.json'] as string) as Record<string, unknown>;
    for (const name of ['apiKey', 'ngrokAuthtoken', 'trongridApiKey', 'etherscanApiKey']) expect(settings[name]).toEqual({ set: true });
  });

  it('is written where the save dialog says in the desktop app', async () => {
    const asked: [string, string | undefined][] = [];
    const target = join(dir.path, 'support.zip');
    const desktop = await import('../../electron/pos/support/handlers').then(({ supportMethods }) =>
      supportMethods({
        dataDir: dir.path,
        databaseFile: join(dir.path, 'counter.sqlite3'),
        appVersion: '0.1.0',
        now: () => new Date(),
        settings: () => ({ ...(core.settings.view(null)) }),
        secrets: () => secrets,
        host: { chooseSavePath: async (name, kind) => (asked.push([name, kind]), target) },
        downloads: core.downloads,
      }),
    );
    expect(await desktop.exportDiagnostics({})).toEqual({ ok: true, value: { path: target, downloadUrl: null } });
    expect(asked).toEqual([[expect.stringMatching(/^mitilena-diagnostics-.*\.zip$/), 'diagnostics']]);
    expectSupportZip(readZipWithPython(target), 'the saved file');
  });

  it('comes from the command line, which prints its path', () => {
    const out = join(dir.path, 'from-cli.zip');
    const run = spawnSync(process.execPath, [DIAGNOSTICS_CLI, '--data', dir.path, '--out', out], { encoding: 'utf8', env: { ...process.env, MITILENA_API_KEY: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    const entries = readZipWithPython(out);
    expectSupportZip(entries, 'the command line zip');
    // The desktop app's secrets are sealed by the OS keychain: the command line cannot tell.
    expect(JSON.parse(entries['settings.json'] as string)).toMatchObject({ apiKey: { set: false }, shopName: 'My shop' });
  });

  it('says what is wrong from the command line without a ledger', () => {
    const empty = tempDir();
    try {
      const run = spawnSync(process.execPath, [DIAGNOSTICS_CLI, '--data', empty.path], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/there is no ledger in .* \(counter\.sqlite3 is missing\)/);
    } finally {
      empty.remove();
    }
  });
});
