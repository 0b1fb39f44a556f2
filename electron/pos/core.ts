// Starts the application core for either host (Electron or browser mode): the ledger, the gateway
// (the embedded sandbox until an API key is set), the webhook listener and the sale service.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Blockchain, Language } from '../../shared/mitilena';
import { isKnownCurrency } from '../../shared/money';
import type { PosCore } from './dispatch';
import { PosEvents } from './events';
import { createGatewayClient } from './gateway/client';
import { startSandboxGateway, type SandboxGateway } from './gateway/sandbox';
import { newToken } from './ids';
import { PosService } from './service';
import { openDatabase } from './store/database';
import { SalesStore } from './store/sales';
import { startWebhookListener, type WebhookListener } from './webhook/listener';

export const DEFAULT_GATEWAY_URL = 'https://mitilena.com/api';
export const DATABASE_FILE = 'counter.sqlite3';
const EXPIRY_SWEEP_INTERVAL_MS = 15_000;
const APP_VERSION = '0.1.0';

export interface CoreOptions {
  dataDir: string;
  currency?: string;
  blockchain?: Blockchain;
  language?: Language;
  shopName?: string;
  /** The merchant's Mitilena API key; without one the embedded sandbox gateway is used. */
  apiKey?: string | null;
  gatewayUrl?: string;
  /** Public base URL of the webhook listener (a tunnel or reverse proxy); the path is appended. */
  publicUrl?: string | null;
  webhookPort?: number;
  /** How long the gateway may take to create an invoice (default 10 s). */
  invoiceTimeoutMs?: number;
  nativeBinding?: string;
  now?: () => Date;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface RunningCore extends PosCore {
  service: PosService;
  store: SalesStore;
  webhookUrl: string;
  /** The listener's own loopback URL (what a tunnel forwards to). */
  webhookLocalUrl: string;
  /** The address the listener's socket is bound to. */
  webhookBoundAddress: string;
  close(): Promise<void>;
}

/** A per-install value kept in the ledger's meta table, made once. */
function installValue(store: SalesStore, key: string, make: () => string): string {
  const existing = store.getMeta(key);
  if (existing) return existing;
  const value = make();
  store.setMeta(key, value);
  return value;
}

async function listenWebhook(store: SalesStore, options: CoreOptions, token: string, service: { receiveNotice: PosService['receiveNotice'] }): Promise<WebhookListener> {
  const receiver = { receiveNotice: (signature: string | undefined, body: unknown) => service.receiveNotice(signature, body) };
  // Reuse last run's port so invoices still pending from before a restart keep a live webhook URL.
  const remembered = Number(store.getMeta('webhook_port') ?? '0');
  const port = options.webhookPort ?? remembered;
  try {
    return await startWebhookListener({ token, receiver, port, log: options.log });
  } catch (error) {
    if (options.webhookPort !== undefined || port === 0) throw error;
    options.log?.(`webhook: port ${port} is taken, using another; invoices still pending from before will not reach this counter`);
    return startWebhookListener({ token, receiver, port: 0, log: options.log });
  }
}

export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const currency = options.currency ?? 'EUR';
  if (!isKnownCurrency(currency)) throw new Error(`Unknown currency code ${JSON.stringify(currency)}: use an ISO 4217 code such as EUR`);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  const cleanups: (() => Promise<void> | void)[] = [
    () => {
      db.close();
    },
  ];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const store = new SalesStore(db);
    const token = installValue(store, 'webhook_token', newToken);
    const live = Boolean(options.apiKey);
    let sandbox: SandboxGateway | null = null;
    let apiKey: string;
    let gatewayUrl: string;
    if (options.apiKey) {
      apiKey = options.apiKey;
      gatewayUrl = options.gatewayUrl ?? DEFAULT_GATEWAY_URL;
    } else {
      apiKey = installValue(store, 'sandbox_key', newToken);
      sandbox = await startSandboxGateway({ apiKey, now: options.now, fetch: options.fetch });
      const running = sandbox;
      cleanups.push(() => running.close());
      gatewayUrl = sandbox.baseUrl;
    }

    const events = new PosEvents();
    let service: PosService | null = null;
    const listener = await listenWebhook(store, options, token, {
      receiveNotice: (signature, body) => {
        if (!service) return { status: 400, text: 'not ready', changed: null };
        return service.receiveNotice(signature, body);
      },
    });
    cleanups.push(() => listener.close());
    store.setMeta('webhook_port', String(listener.port));
    const webhookUrl = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}${listener.path}` : listener.localUrl;

    service = new PosService({
      store,
      events,
      gateway: createGatewayClient({ baseUrl: gatewayUrl, apiKey, fetch: options.fetch, timeoutMs: options.invoiceTimeoutMs }),
      settings: {
        currency,
        blockchain: options.blockchain ?? 'tether-trc20',
        language: options.language ?? 'en',
        shopName: options.shopName ?? 'My shop',
      },
      mode: live ? 'live' : 'sandbox',
      noticeKey: apiKey,
      apiKeyLast4: live ? apiKey.slice(-4) : null,
      webhookUrl,
      version: APP_VERSION,
      now: options.now,
    });
    const running = service;
    running.expireDue();
    const sweep = setInterval(() => running.expireDue(), EXPIRY_SWEEP_INTERVAL_MS);
    sweep.unref();
    cleanups.push(() => clearInterval(sweep));

    return {
      service: running,
      store,
      handlers: running.handlers,
      on: running.on,
      webhookUrl,
      webhookLocalUrl: listener.localUrl,
      webhookBoundAddress: listener.boundAddress,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
