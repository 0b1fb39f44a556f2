// Browser mode's flags are checked before anything is touched: a bad one exits 2 with a sentence
// naming it, and the data folder stays as it was (empty, or not created at all).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_UI_PORT, readServeFlags } from '../../electron/browser-mode/serve-flags';
import { SERVE_SCRIPT } from '../helpers/browser-mode';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function serve(args: string[]): { status: number | null; stderr: string; stdout: string } {
  const run = spawnSync(process.execPath, [SERVE_SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, MITILENA_API_KEY: '' }, timeout: 30_000 });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

describe('browser-mode flags', () => {
  it('exits 2 on --port abc and leaves an empty data folder empty', () => {
    const run = serve(['--port', 'abc', '--data', dir.path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('serve: --port must be a port number (0-65535), got "abc"');
    expect(run.stdout).toBe('');
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('checks every flag before creating the data folder', () => {
    const missing = join(dir.path, 'not-yet');
    const cases: [string[], RegExp][] = [
      [['--port', '70000'], /--port must be a port number/],
      [['--webhook-port', '-1'], /--webhook-port must be a port number|ambiguous|argument missing/],
      [['--webhook-port', '1.5'], /--webhook-port must be a port number/],
      [['--currency', 'EURO'], /--currency: "EURO" is not an ISO 4217 currency code/],
      [['--blockchain', 'bitcoin'], /--blockchain: Choose one of .*tether-trc20/],
      [['--language', 'de'], /--language: The payment page speaks only/],
      [['--shop-name', 'two\nlines'], /--shop-name: Use one line of ordinary text/],
      [['--shop-name', 'x'.repeat(81)], /--shop-name: At most 80 characters/],
      [['--gateway-url', 'ftp://gateway.example'], /--gateway-url must be an http\(s\) URL/],
      [['--public-url', 'not a url'], /--public-url: Enter a full address/],
      [['--public-url', ''], /--public-url: Enter the public URL of your reverse proxy/],
      [['--ngrok-domain', 'https://shop.ngrok-free.app'], /--ngrok-domain: Enter only the host name/],
      [['--tron-api', 'trongrid'], /--tron-api must be an http\(s\) URL/],
      [['--etherscan-api', 'http://'], /--etherscan-api must be an http\(s\) URL/],
      [['--chain-interval-ms', '5'], /--chain-interval-ms must be at least 100/],
      [['--chain-interval-ms', 'soon'], /--chain-interval-ms must be a whole number/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['--data', missing, '--port'], /--port <value>' argument missing/],
      [['stray'], /Unexpected argument 'stray'/],
      [['--data', '   '], /--data needs a folder/],
    ];
    for (const [args, message] of cases) {
      // The last --data wins in parseArgs: the case about --data itself brings its own.
      const run = serve(args.includes('--data') ? args : [...args, '--data', missing]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(existsSync(missing), args.join(' ')).toBe(false);
    }
    expect(readdirSync(dir.path)).toEqual([]);
  }, 120_000);

  it('reads good flags into typed values', () => {
    expect(readServeFlags([])).toEqual({ ok: true, flags: expect.objectContaining({ uiPort: DEFAULT_UI_PORT, help: false, dataDir: undefined, noChainConfirm: false }) });
    const read = readServeFlags([
      '--port', '0', '--webhook-port', '65535', '--currency', 'jpy', '--shop-name', ' Corner Café ', '--public-url', 'https://shop.example/hooks/',
      '--gateway-url', 'http://127.0.0.1:9/api/', '--ngrok-domain', 'My-Shop.ngrok-free.app', '--chain-interval-ms', '250', '--no-chain-confirm',
    ]);
    expect(read).toEqual({
      ok: true,
      flags: expect.objectContaining({
        uiPort: 0,
        webhookPort: 65535,
        currency: 'JPY',
        shopName: 'Corner Café',
        publicUrl: 'https://shop.example/hooks',
        gatewayUrl: 'http://127.0.0.1:9/api',
        ngrokDomain: 'my-shop.ngrok-free.app',
        chainIntervalMs: 250,
        noChainConfirm: true,
      }),
    });
  });
});
