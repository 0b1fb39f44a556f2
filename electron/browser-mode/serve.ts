// `npm run serve`: browser mode. The same core as the desktop app, with the UI served on 127.0.0.1
// for a browser on this machine (a second screen, a kiosk, the end-to-end tests).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PosStatus } from '../../shared/api';
import { startBrowserHost } from './browser-host';
import { chainOptionsFromFlags } from '../pos/chain/options';
import { startCore, type RunningCore } from '../pos/core';
import { newToken } from '../pos/ids';
import { createFileSecretStore } from '../pos/settings/secrets-file';
import { checkShopLedgerUrl } from '../pos/shop/shop-url';
import { HELP, readServeFlags } from './serve-flags';

function fail(message: string): never {
  console.error(`serve: ${message}\nRun with --help for the options.`);
  process.exit(2);
}

/** A start that was refused or failed after the flags were accepted: the reason, exit code 1. */
function stop(message: string): never {
  console.error(`serve: ${message}`);
  process.exit(1);
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
  // Every flag is checked before the data folder is touched.
  const read = readServeFlags(process.argv.slice(2));
  if (!read.ok) return fail(read.message);
  const { flags } = read;
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  for (const variable of ['SHOP_LEDGER_URL', 'SHOP_LEDGER_OWNER_URL'] as const) {
    const given = process.env[variable]?.trim();
    const checked = given ? checkShopLedgerUrl(given) : null;
    if (checked && !checked.ok) return fail(`${variable}: ${checked.message}`);
  }
  const chain = chainOptionsFromFlags({ tronApi: flags.tronApi, etherscanApi: flags.etherscanApi, noChainConfirm: flags.noChainConfirm, chainIntervalMs: flags.chainIntervalMs });

  const dataDir = flags.dataDir ?? defaultDataDir();
  // The customer display's link (issue 12), known once the UI server listens.
  let displayLink: string | null = null;
  // The core's start work that grows with the ledger waits until the cashier UI can be served.
  let firstScreenServable = (): void => {};
  const firstScreen = new Promise<void>((resolve) => {
    firstScreenServable = resolve;
  });
  let core: RunningCore;
  try {
    core = await startCore({
      dataDir,
      secrets: createFileSecretStore({ dataDir }),
      // Only what is given on the command line overrides the saved settings.
      currency: flags.currency,
      blockchain: flags.blockchain,
      language: flags.language,
      shopName: flags.shopName,
      counterName: flags.counterName,
      shopLedger: flags.shopLedgerBatch ? { batchEvents: flags.shopLedgerBatch } : undefined,
      gatewayUrl: flags.gatewayUrl,
      publicUrl: flags.publicUrl,
      ngrokDomain: flags.ngrokDomain,
      webhookPort: flags.webhookPort,
      chain,
      counterHost: { displayLink: () => displayLink },
      startWork: { after: firstScreen },
      log: (line) => console.error(line),
    });
  } catch (error) {
    return stop(error instanceof Error ? error.message : String(error));
  }
  const token = newToken();
  const displayToken = newToken();
  const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));
  let host;
  try {
    host = await startBrowserHost({ core, token, displayToken, rendererDir, port: flags.uiPort, downloads: core.downloads });
  } catch (error) {
    await core.close();
    return stop(`could not open the cashier UI port: ${error instanceof Error ? error.message : String(error)}`);
  }
  const status = core.status();
  console.log(`Mode: ${status.mode === 'live' ? 'live (real money)' : 'sandbox (no real money)'}`);
  console.log(`Cashier UI: ${host.url}#token=${token}`);
  displayLink = `${host.url}#display&token=${displayToken}`;
  console.log(`Customer display: ${displayLink}`);
  console.log(webhookLine(status, core.webhookLocalUrl));
  reportTunnelChanges(core, status);
  firstScreenServable();

  let stopping = false;
  const shutDown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutDown());
  process.on('SIGTERM', () => void shutDown());
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
