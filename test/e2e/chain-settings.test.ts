// The "Block explorers" section of Settings in real Chromium against browser mode: a bad URL is
// marked on its field and changes nothing; a good one, a write-only key and the checkbox are saved
// and used at once (no restart), and the key is never shown, answered or logged.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApi, startBrowserMode, type BrowserMode } from '../helpers/browser-mode';
import { launchChromium } from '../helpers/chromium';
import { startTronGridDouble, type ExplorerDouble } from '../helpers/explorers';
import { tempDir } from '../helpers/temp';

const TRON_KEY = 'tron-E2E-KEY-6b5a4c3d-2e1f-4a0b-9c8d-q7r8';

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
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
  tron = await startTronGridDouble();
});
afterEach(async () => {
  await mode?.stop();
  mode = null;
  await tron.close();
  dir.remove();
});

interface ExplorerView {
  tronApi: string | null;
  chainConfirm: boolean;
  trongridApiKey: { set: boolean; last4: string | null };
}

describe('block explorers in Settings', () => {
  it('marks a bad URL on its field, saves a good one with a write-only key, and never shows the key', async () => {
    mode = await startBrowserMode(['--data', dir.path], { TRONGRID_API_KEY: '', ETHERSCAN_API_KEY: '' });
    const current = mode;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(current.cashierUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('group', { name: 'Block explorers' });
    await section.waitFor();
    expect(await section.textContent()).toContain('Currently not set');
    expect(await section.getByLabel('Confirm paid notices on the blockchain').isChecked()).toBe(true);

    // A bad address: the sentence at the top, the message on the field, nothing saved.
    await section.getByLabel('TronGrid URL').fill('ftp://api.trongrid.io');
    await section.getByLabel('TronGrid API key').fill(TRON_KEY);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Nothing was changed' }).waitFor();
    expect(await section.textContent()).toMatch(/The TronGrid address must start with https:\/\//);
    expect(await section.getByLabel('TronGrid URL').getAttribute('aria-invalid')).toBe('true');
    expect(await callApi<ExplorerView>(current, 'getSettings')).toMatchObject({ tronApi: null, trongridApiKey: { set: false } });

    // A good one: saved and used at once.
    await section.getByLabel('TronGrid URL').fill(tron.baseUrl);
    await section.getByLabel('Confirm paid notices on the blockchain').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. The counter uses the new settings now.').waitFor();
    expect(await section.textContent()).toContain(`Currently set, ends in ${TRON_KEY.slice(-4)}`);
    expect(await section.getByLabel('TronGrid API key').inputValue()).toBe('');
    expect(await callApi<ExplorerView>(current, 'getSettings')).toMatchObject({ tronApi: tron.baseUrl, chainConfirm: false, trongridApiKey: { set: true, last4: TRON_KEY.slice(-4) } });

    // Remove the key: "not set" again.
    await section.getByRole('button', { name: 'Remove TronGrid key' }).click();
    await expect.poll(async () => section.textContent()).toContain('Currently not set');

    const html = await page.content();
    const settings = JSON.stringify(await callApi(current, 'getSettings'));
    const status = JSON.stringify(await callApi(current, 'getStatus'));
    await page.close();
    expect(await current.stop()).toBe(0);
    for (const [where, text] of [['page', html], ['settings', settings], ['status', status], ['output', current.output()]] as const) {
      expect(text.includes(TRON_KEY), `TronGrid key in ${where}`).toBe(false);
      expect(text.includes(TRON_KEY.slice(0, 12)), `part of the TronGrid key in ${where}`).toBe(false);
    }
  });
});
