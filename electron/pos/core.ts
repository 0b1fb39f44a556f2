// Starts the application core for either host (Electron or browser mode): the ledger, the webhook
// listener, live mode (settings, secrets, sandbox or real gateway, tunnel), the sale service and
// the owner's desk. Every PosApi method is answered by exactly one of these handler groups.
import { join } from 'node:path';
import { ok } from '../../shared/result';
import { DEFAULT_TRON_API } from './chain/readers';
import { createChainWatch, type ChainOptions, type ChainWatch } from './chain-watch';
import type { PosCore, PosHandlers } from './dispatch';
import { PosEvents } from './events';
import { newToken } from './ids';
import { unreadNoticeWarning } from './notices';
import { startLiveMode } from './live/live-mode';
import { readStoredSettings } from './live/settings';
import type { ChainSettings, LiveMode, LiveModeDeps, LiveModeFlags, SecretStore } from './live/types';
import { createDownloadRegistry, createOwnerHandlers } from './owner/handlers';
import type { DownloadRegistry, OwnerHost } from './owner/types';
import { PosService } from './service';
import { scheduleBackups } from './store/backup';
import { DATABASE_FILE, makeLedgerFilesPrivate, prepareDataFolder, refuseLostLedger } from './store/data-folder';
import { acquireInstanceLock } from './store/instance-lock';
import { Ledger } from './store/ledger';
import { startWebhookListener, type WebhookListener } from './webhook/listener';
import { KeyFingerprints } from './webhook/notice-keys';

export { DEFAULT_GATEWAY_URL } from './live/live-mode';
export { DATABASE_FILE } from './store/data-folder';
const EXPIRY_SWEEP_INTERVAL_MS = 15_000;
export const APP_VERSION = '0.1.0';

export interface CoreOptions extends LiveModeFlags {
  dataDir: string;
  /** Where secrets live; the host decides (Electron: safeStorage; browser mode: environment or a 0600 file). */
  secrets: SecretStore;
  webhookPort?: number;
  /** How long the gateway may take to create an invoice (default 10 s). */
  invoiceTimeoutMs?: number;
  nativeBinding?: string;
  host?: OwnerHost;
  /** The tunnel's network side and live-mode timings; tests replace ngrok's servers here. */
  tunnel?: Pick<LiveModeDeps, 'tunnelDriver' | 'tunnelTimings' | 'reachabilityTimeoutMs'>;
  now?: () => Date;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /**
   * Block explorers for confirming notices and recovering lost ones: base URLs (`tronApi`,
   * `etherscanApi`), keys, and whether notices are confirmed. No URL and no key: no reader, no calls.
   * Given here (browser-mode flags, the environment, tests) they win over the owner's saved Settings
   * for this run; what is not given comes from Settings and follows them without a restart.
   */
  chain?: ChainOptions;
  /**
   * The desktop app: TRC20 payments are watched through TronGrid's public endpoint (no key) unless the
   * owner switched that off in Settings. Browser mode and tests leave it off, so they call no explorer
   * they were not given.
   */
  publicExplorers?: boolean;
}

/**
 * Start options win field by field over the saved settings; `confirm: false` (--no-chain-confirm) too.
 * `publicExplorers` (the desktop app) adds TronGrid's public endpoint when nothing names a TronGrid.
 */
export function effectiveChainOptions(given: ChainOptions | undefined, saved: ChainSettings, publicExplorers = false): ChainOptions {
  const flags = given ?? {};
  if (flags.readers) return flags;
  const tronApi = flags.tronApi ?? saved.tronApi ?? (publicExplorers && saved.publicTronGrid ? DEFAULT_TRON_API : null);
  const etherscanApi = flags.etherscanApi ?? saved.etherscanApi;
  const tronApiKey = flags.tronApiKey ?? saved.trongridApiKey;
  const etherscanApiKey = flags.etherscanApiKey ?? saved.etherscanApiKey;
  return {
    ...flags,
    tronApi,
    etherscanApi,
    ...(tronApiKey ? { tronApiKey } : {}),
    ...(etherscanApiKey ? { etherscanApiKey } : {}),
    confirm: flags.confirm !== false && saved.chainConfirm,
  };
}

export interface RunningCore extends PosCore {
  service: PosService;
  live: LiveMode;
  ledger: Ledger;
  chain: ChainWatch;
  downloads: DownloadRegistry;
  /** The listener's own loopback URL (what a tunnel forwards to). */
  webhookLocalUrl: string;
  /** The address the listener's socket is bound to. */
  webhookBoundAddress: string;
  close(): Promise<void>;
}

/** A per-install value kept in the ledger's meta table, made once. */
function installValue(ledger: Ledger, key: string, make: () => string): string {
  const existing = ledger.getMeta(key);
  if (existing) return existing;
  const value = make();
  ledger.setMeta(key, value);
  return value;
}

export class WebhookPortTakenError extends Error {
  override name = 'WebhookPortTakenError';
}

const inUse = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Live mode behind the owner's own reverse proxy: the proxy, and every pending invoice, point at one fixed port. */
async function ownPublicUrlMode(ledger: Ledger, options: CoreOptions): Promise<boolean> {
  const tunnelMode = options.publicUrl ? 'manual' : readStoredSettings(ledger).tunnelMode;
  if (tunnelMode !== 'manual') return false;
  // Without a key the sandbox runs, and its notices go to the listener's local URL, whatever the port.
  return (await options.secrets.get('apiKey').catch(() => null)) !== null;
}

async function listenWebhook(ledger: Ledger, options: CoreOptions, token: string, receiver: Parameters<typeof startWebhookListener>[0]['receiver']): Promise<WebhookListener> {
  // Reuse last run's port so invoices still pending from before a restart keep a live webhook URL.
  const remembered = Number(ledger.getMeta('webhook_port') ?? '0');
  const port = options.webhookPort ?? remembered;
  try {
    return await startWebhookListener({ token, receiver, port, log: options.log });
  } catch (error) {
    if (!inUse(error) || port === 0) throw error;
    if (options.webhookPort !== undefined) {
      throw new WebhookPortTakenError(`The webhook port ${port} (--webhook-port) is taken by another program; stop it or choose another port.`, { cause: error });
    }
    if (await ownPublicUrlMode(ledger, options)) {
      // Another program on our port would receive the notices (and the API key they carry) of
      // every invoice still pending: stop rather than move away from it silently.
      throw new WebhookPortTakenError(
        `The webhook port ${port} is taken by another program. Your reverse proxy ("my own public URL") forwards payment notices ` +
          `to 127.0.0.1:${port}, and invoices still pending point there, so the counter will not start on another port: ` +
          `that program would receive those notices. Stop the program using port ${port}, or start with --webhook-port N and point your proxy at it.`,
        { cause: error },
      );
    }
    // ngrok follows the listener to its new port; the sandbox's notices go to the local URL.
    options.log?.(`webhook: port ${port} is taken, using another; invoices still pending from before will not reach this counter`);
    return startWebhookListener({ token, receiver, port: 0, log: options.log });
  }
}

export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const now = options.now ?? (() => new Date());
  prepareDataFolder(options.dataDir, options.log);
  // One app per data folder: a second one would share the ledger and the webhook port.
  const releaseLock = acquireInstanceLock(options.dataDir, { nativeBinding: options.nativeBinding });
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  let ledger: Ledger;
  try {
    refuseLostLedger(options.dataDir, databaseFile);
    makeLedgerFilesPrivate(options.dataDir, databaseFile, options.log);
    ledger = Ledger.open(databaseFile, { nativeBinding: options.nativeBinding });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const cleanups: (() => Promise<void> | void)[] = [
    releaseLock,
    () => {
      ledger.close();
    },
  ];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const events = new PosEvents();
    const fingerprints = KeyFingerprints.forLedger(ledger);
    let service: PosService | null = null;
    const listener = await listenWebhook(ledger, options, installValue(ledger, 'webhook_token', newToken), {
      // Up before the service for a moment at start: a notice then hears "try again", not "refused".
      receiveNotice: (signature, text) => (service ? service.receiveNotice(signature, text) : { status: 503, text: 'starting, try again shortly', changed: null }),
    });
    cleanups.push(() => listener.close());
    ledger.setMeta('webhook_port', String(listener.port));

    let chain: ChainWatch | null = null;
    const live = await startLiveMode({
      ledger,
      events,
      secrets: options.secrets,
      fingerprints,
      listener,
      flags: options,
      version: APP_VERSION,
      now,
      fetch: options.fetch,
      invoiceTimeoutMs: options.invoiceTimeoutMs,
      log: options.log,
      ...options.tunnel,
      onBackOnline: () => void chain?.recover('tunnel-back'),
      extraWarnings: () => [...(chain?.warnings() ?? []), ...[unreadNoticeWarning(ledger, now())].filter((line): line is string => line !== null)],
      onChainSettingsChanged: (saved) => chain?.reconfigure(effectiveChainOptions(options.chain, saved, options.publicExplorers)),
      chainNote: (blockchain) => chain?.coverageNote(blockchain) ?? null,
    });
    cleanups.push(() => live.close());

    const watch = createChainWatch({
      ledger,
      events,
      options: effectiveChainOptions(options.chain, live.chainSettings(), options.publicExplorers),
      now,
      fetch: options.fetch,
      log: options.log,
      onWarningsChanged: () => events.emit('status-changed', live.status()),
    });
    chain = watch;
    cleanups.push(() => watch.close());

    service = new PosService({
      ledger,
      events,
      fingerprints,
      runtime: () => live.runtime(),
      now,
      chain: watch,
      log: options.log,
      onUnreadNotice: () => events.emit('status-changed', live.status()),
    });
    const running = service;
    running.failInterrupted();
    running.expireDue();
    const sweep = setInterval(() => running.expireDue(), EXPIRY_SWEEP_INTERVAL_MS);
    sweep.unref();
    cleanups.push(() => clearInterval(sweep));
    cleanups.push(scheduleBackups(ledger, options.dataDir, now, options.log));
    // After expireDue: sales whose invoice ran out while the app was closed are looked for too.
    watch.start();

    const downloads = createDownloadRegistry({ now });
    const handlers: PosHandlers = {
      ...running.handlers,
      getStatus: async () => ok(live.status()),
      ...live.handlers,
      ...createOwnerHandlers({
        ledger,
        events,
        databaseFile,
        nativeBinding: options.nativeBinding,
        now,
        receiptSettings: () => live.receiptSettings(),
        host: options.host ?? {},
        downloads,
      }),
    };

    return {
      service: running,
      live,
      ledger,
      chain: watch,
      downloads,
      handlers,
      on: running.on,
      webhookLocalUrl: listener.localUrl,
      webhookBoundAddress: listener.boundAddress,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
