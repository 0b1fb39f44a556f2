// `npm run serve`: browser mode. The same core as the desktop app, with the UI served on 127.0.0.1
// for a browser on this machine (a second screen, a kiosk, the end-to-end tests).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BLOCKCHAINS, LANGUAGES, type Blockchain, type Language } from '../shared/mitilena';
import { isKnownCurrency } from '../shared/money';
import { startBrowserHost } from './browser-host';
import { startCore, DEFAULT_GATEWAY_URL } from './pos/core';
import { newToken } from './pos/ids';

export const DEFAULT_UI_PORT = 4180;

const HELP = `Mitilena Counter, browser mode

Usage: npm run serve -- [options]

  --port N            port of the cashier UI on 127.0.0.1 (default ${DEFAULT_UI_PORT}; 0 picks a free one)
  --data DIR          data directory holding the sales database
                      (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter)
  --currency CODE     the shop's ISO 4217 currency (default EUR)
  --blockchain CODE   network customers pay on: ${BLOCKCHAINS.join(', ')} (default tether-trc20)
  --language CODE     payment page language: ${LANGUAGES.join(', ')} (default en)
  --shop-name TEXT    shown in the header and on receipts
  --gateway-url URL   Mitilena Pay API base (default ${DEFAULT_GATEWAY_URL}); invoices go to <url>/generatePayment
  --public-url URL    public base URL of the webhook listener (a tunnel or reverse proxy); the app appends its path
  --webhook-port N    port of the webhook listener on 127.0.0.1 (default: the last one used, else a free one)
  --help              this text

Environment:
  MITILENA_API_KEY    your Mitilena Pay API key; selects live mode. Without it the embedded sandbox
                      gateway is used and no real money moves.
`;

function fail(message: string): never {
  console.error(`serve: ${message}\nRun with --help for the options.`);
  process.exit(2);
}

function portOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${name} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return port;
}

function urlOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    return fail(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
}

function defaultDataDir(): string {
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mitilena-counter');
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        currency: { type: 'string' },
        blockchain: { type: 'string' },
        language: { type: 'string' },
        'shop-name': { type: 'string' },
        'gateway-url': { type: 'string' },
        'public-url': { type: 'string' },
        'webhook-port': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const currency = (values.currency ?? 'EUR').toUpperCase();
  if (!isKnownCurrency(currency)) fail(`--currency must be an ISO 4217 code such as EUR, got ${JSON.stringify(values.currency)}`);
  const blockchain = values.blockchain ?? 'tether-trc20';
  if (!(BLOCKCHAINS as readonly string[]).includes(blockchain)) fail(`--blockchain must be one of ${BLOCKCHAINS.join(', ')}`);
  const language = values.language ?? 'en';
  if (!(LANGUAGES as readonly string[]).includes(language)) fail(`--language must be one of ${LANGUAGES.join(', ')}`);

  const core = await startCore({
    dataDir: values.data ?? defaultDataDir(),
    currency,
    blockchain: blockchain as Blockchain,
    language: language as Language,
    shopName: values['shop-name'],
    apiKey: process.env.MITILENA_API_KEY || null,
    gatewayUrl: urlOption(values['gateway-url'], '--gateway-url'),
    publicUrl: urlOption(values['public-url'], '--public-url'),
    webhookPort: portOption(values['webhook-port'], '--webhook-port'),
    log: (line) => console.error(line),
  });
  const token = newToken();
  const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));
  let host;
  try {
    host = await startBrowserHost({ core, token, rendererDir, port: portOption(values.port, '--port') ?? DEFAULT_UI_PORT });
  } catch (error) {
    await core.close();
    return fail(`could not open the cashier UI port: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`Mode: ${core.service.status().mode === 'live' ? 'live (real money)' : 'sandbox (no real money)'}`);
  console.log(`Cashier UI: ${host.url}#token=${token}`);
  console.log(`Webhook: ${core.webhookUrl}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
