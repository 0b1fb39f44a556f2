// `npm run serve`: browser mode. The same core as the desktop app, with the UI served on 127.0.0.1
// for a browser on this machine (a second screen, a kiosk, the end-to-end tests).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PosStatus } from '../shared/api';
import { BLOCKCHAINS, LANGUAGES } from '../shared/mitilena';
import { isKnownCurrency } from '../shared/money';
import { startBrowserHost } from './browser-host';
import { DEFAULT_ETHERSCAN_API, DEFAULT_TRON_API } from './pos/chain/readers';
import { chainOptionsFrom } from './pos/chain-watch';
import { startCore, DEFAULT_GATEWAY_URL, type RunningCore } from './pos/core';
import { newToken } from './pos/ids';
import { createFileSecretStore, SECRETS_FILE } from './pos/live/secrets-file';

export const DEFAULT_UI_PORT = 4180;

const HELP = `Mitilena Counter, browser mode

Usage: npm run serve -- [options]

  --port N            port of the cashier UI on 127.0.0.1 (default ${DEFAULT_UI_PORT}; 0 picks a free one)
  --data DIR          data directory holding the sales database
                      (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter)
  --currency CODE     the shop's ISO 4217 currency (default: the saved setting, else EUR)
  --blockchain CODE   network customers pay on: ${BLOCKCHAINS.join(', ')} (default tether-trc20)
  --language CODE     payment page language: ${LANGUAGES.join(', ')} (default en)
  --shop-name TEXT    shown in the header and on receipts
  --gateway-url URL   Mitilena Pay API base (default ${DEFAULT_GATEWAY_URL}); invoices go to <url>/generatePayment
  --public-url URL    public base URL of the webhook listener (a tunnel or reverse proxy); the app appends its path
                      (sets the tunnel to "my own public URL" for this run)
  --ngrok-domain HOST your static ngrok domain, e.g. my-shop.ngrok-free.app (recommended: the URL then never changes)
  --webhook-port N    port of the webhook listener on 127.0.0.1 (default: the last one used, else a free one)
  --tron-api URL      TronGrid base URL for checking TRC20 payments on the blockchain
                      (default ${DEFAULT_TRON_API}, used only when TRONGRID_API_KEY is set)
  --etherscan-api URL Etherscan v2 endpoint for ERC20 and BEP20 payments
                      (default ${DEFAULT_ETHERSCAN_API}, used only when ETHERSCAN_API_KEY is set)
  --no-chain-confirm  do not check paid notices on the blockchain (lost notices are still recovered)
  --chain-interval-ms N  how often lost notices are looked for on the blockchain (default 600000)
  --help              this text

Options given here win over the saved settings for this run only.

Environment:
  MITILENA_API_KEY    your Mitilena Pay API key; selects live mode. Without it the embedded sandbox
                      gateway is used and no real money moves.
  NGROK_AUTHTOKEN     your ngrok authtoken; live mode then opens an ngrok tunnel to the webhook
                      listener (and only to it) unless --public-url is given.
  TRONGRID_API_KEY    optional TronGrid key (sent as TRON-PRO-API-KEY); turns TRC20 checks on
  ETHERSCAN_API_KEY   Etherscan key (one serves Ethereum and BNB Smart Chain); turns ERC20/BEP20 checks on

Explorer URLs, keys and confirmation can also be saved in the app's Settings ("Block explorers");
the flags and the environment above win over them for this run. Without a URL or a key (from
either place), no block explorer is ever called.

Secrets not in the environment are kept in <data>/${SECRETS_FILE}, readable only by you (mode 0600).
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

/** One line starting with "Webhook: "; while live mode has no public URL, the local one and why. */
function webhookLine(status: PosStatus, localUrl: string): string {
  if (status.webhookUrl) return `Webhook: ${status.webhookUrl}`;
  const why = status.tunnel.state === 'connecting' ? 'the ngrok tunnel is connecting' : (status.tunnel.message ?? 'no public URL is set');
  return `Webhook: ${localUrl} (not public yet: ${why})`;
}

/** The public URL and its self-check settle after start; say so on stderr (tunnel errors are logged by the core). */
function reportTunnelChanges(core: RunningCore, initial: PosStatus): void {
  let last = '';
  const report = (status: PosStatus): void => {
    const { reachability } = status;
    if (status.mode !== 'live' || !status.webhookUrl || (reachability.state !== 'reachable' && reachability.state !== 'unreachable')) return;
    const now = `${status.webhookUrl} ${reachability.state} ${reachability.message ?? ''}`;
    if (now === last) return;
    last = now;
    console.error(`webhook: ${status.webhookUrl} is ${reachability.state}${reachability.message ? ` (${reachability.message})` : ''}`);
  };
  report(initial);
  core.on('status-changed', report);
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
        'ngrok-domain': { type: 'string' },
        'tron-api': { type: 'string' },
        'etherscan-api': { type: 'string' },
        'no-chain-confirm': { type: 'boolean' },
        'chain-interval-ms': { type: 'string' },
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
  // Only what is given on the command line overrides the saved settings.
  const currency = values.currency?.toUpperCase();
  if (currency !== undefined && !isKnownCurrency(currency)) fail(`--currency must be an ISO 4217 code such as EUR, got ${JSON.stringify(values.currency)}`);
  const blockchain = values.blockchain;
  if (blockchain !== undefined && !(BLOCKCHAINS as readonly string[]).includes(blockchain)) fail(`--blockchain must be one of ${BLOCKCHAINS.join(', ')}`);
  const language = values.language;
  if (language !== undefined && !(LANGUAGES as readonly string[]).includes(language)) fail(`--language must be one of ${LANGUAGES.join(', ')}`);
  const ngrokDomain = values['ngrok-domain'];
  const intervalText = values['chain-interval-ms'];
  const chainIntervalMs = intervalText === undefined ? undefined : Number(intervalText);
  if (chainIntervalMs !== undefined && (!Number.isInteger(chainIntervalMs) || chainIntervalMs < 100)) fail(`--chain-interval-ms must be a whole number of milliseconds (at least 100), got ${JSON.stringify(intervalText)}`);
  const chain = chainOptionsFrom(
    {
      tronApi: urlOption(values['tron-api'], '--tron-api'),
      etherscanApi: urlOption(values['etherscan-api'], '--etherscan-api'),
      noChainConfirm: values['no-chain-confirm'] === true,
      chainIntervalMs,
    },
    process.env,
  );

  const dataDir = values.data ?? defaultDataDir();
  let core: RunningCore;
  try {
    core = await startCore({
      dataDir,
      secrets: createFileSecretStore({ dataDir }),
      currency,
      blockchain,
      language,
      shopName: values['shop-name'],
      gatewayUrl: urlOption(values['gateway-url'], '--gateway-url'),
      publicUrl: urlOption(values['public-url'], '--public-url'),
      ngrokDomain,
      webhookPort: portOption(values['webhook-port'], '--webhook-port'),
      chain,
      log: (line) => console.error(line),
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const token = newToken();
  const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));
  let host;
  try {
    host = await startBrowserHost({ core, token, rendererDir, port: portOption(values.port, '--port') ?? DEFAULT_UI_PORT, downloads: core.downloads });
  } catch (error) {
    await core.close();
    return fail(`could not open the cashier UI port: ${error instanceof Error ? error.message : String(error)}`);
  }
  const status = core.live.status();
  console.log(`Mode: ${status.mode === 'live' ? 'live (real money)' : 'sandbox (no real money)'}`);
  console.log(`Cashier UI: ${host.url}#token=${token}`);
  console.log(webhookLine(status, core.webhookLocalUrl));
  reportTunnelChanges(core, status);

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
