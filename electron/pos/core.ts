// Starts the application core for either host (Electron or browser mode), in this order: the ledger,
// the owner's settings and secrets, the chain watch, the webhook listener, the gateway (sandbox or
// live), the tunnel and its reachability check, the sale service, the owner's desk; one handler
// registry (core-handlers.ts) answers every PosApi method. Closing goes the other way. How the parts
// react to each other is core-parts.ts.
import type { PosStatus } from '../../shared/api';
import { fail, ok } from '../../shared/result';
import { AccessControl } from './access/sessions';
import { resolveChainOptions, type ChainOptions } from './chain/options';
import { createChainWatch, type ChainWatch } from './chain/watch';
import { announceStatus, counterPrefsOf, followSettings, routeOf, saleRuntimeOf, statusOf, wireParts, type CoreParts } from './core-parts';
import { CustomerDisplay } from './counter/display';
import { CoreEvents } from './core-events';
import { coreHandlers } from './core-handlers';
import type { CounterHost } from './counter/handlers';
import type { PosCore } from './dispatch';
import { PosEvents } from './events';
import { GatewayMode } from './mode/gateway-mode';
import { createDownloadRegistry } from './owner/handlers';
import type { DownloadRegistry, OwnerHost } from './owner/types';
import { SaleService } from './sales/service';
import { ShopReplicator, type ShopReplicatorTimings } from './shop/replicator';
import { StartClock } from './start-clock';
import { runStartWork, type StartWorkOptions, type StartWorkReport } from './start-work';
import type { SettingsFlags } from './settings/flags';
import { OwnerSettings } from './settings/owner-settings';
import type { SecretStore } from './settings/secrets';
import { scheduleBackups } from './store/backup';
import type { Ledger } from './store/ledger';
import { openFolderLedger } from './store/open-ledger';
import { announceTunnel, TunnelManager, type TunnelDriver } from './tunnel/manager';
import { createNgrokDriver } from './tunnel/ngrok-driver';
import { ReachabilityCheck } from './tunnel/reachability-check';
import { listenForNotices } from './webhook/listen';
import { KeyFingerprints } from './webhook/notice-keys';
import { recordConnectivity } from './logs/connectivity';
import { coreSecrets } from './logs/core-secrets';
import { createAppLogger, type AppLogger } from './logs/logger';
import { APP_VERSION } from './version';

export { APP_VERSION };

export interface CoreOptions extends SettingsFlags {
  dataDir: string;
  /** Where secrets live; the host decides (Electron: safeStorage; browser mode: environment or a 0600 file). */
  secrets: SecretStore;
  /** The gateway's API base (default Mitilena Pay's). */
  gatewayUrl?: string;
  webhookPort?: number;
  /** How long the gateway may take to create an invoice (default 30 s). */
  invoiceTimeoutMs?: number;
  nativeBinding?: string;
  host?: OwnerHost;
  /** The customer display and silent receipt printing (issue 12): Electron's window, browser mode's link. */
  counterHost?: CounterHost;
  /** The tunnel's network side and live-mode timings; tests replace ngrok's servers here. */
  tunnel?: {
    tunnelDriver?: TunnelDriver;
    tunnelTimings?: { forwardTimeoutMs?: number; reconnectInitialMs?: number; reconnectMaxMs?: number };
    /** How long the reachability probe waits (default 5 s). */
    reachabilityTimeoutMs?: number;
  };
  now?: () => Date;
  fetch?: typeof fetch;
  /** Each log line is also handed here (redacted), as before the log files: browser mode's stderr. */
  log?: (line: string) => void;
  /**
   * The host's structured log (Electron makes it before the core, so a crash before or after is in
   * it too). Without one the core keeps its own in <dataDir>/logs/, closed with the core.
   */
  logger?: AppLogger;
  /**
   * Block explorers for confirming notices and recovering lost ones (browser-mode flags, tests); they
   * win over the owner's saved Settings for this run. See chain/options.ts.
   */
  chain?: ChainOptions;
  /** The desktop app: TRC20 watched through TronGrid's public endpoint unless the owner switched it off. */
  publicExplorers?: boolean;
  /** Replication to the shop ledger: batch size and retry timings (browser-mode flag, tests). */
  shopLedger?: ShopReplicatorTimings;
  /**
   * The start's work that grows with the ledger (expiry sweep, chain recovery, the day's backup) waits
   * for `after`: the host resolves it once its first screen can be served. See start-work.ts.
   */
  startWork?: StartWorkOptions;
}

export interface RunningCore extends PosCore {
  ledger: Ledger;
  settings: OwnerSettings;
  service: SaleService;
  chain: ChainWatch;
  downloads: DownloadRegistry;
  status(): PosStatus;
  /** Sales being created or waiting for payment now (the updater installs only when there are none). */
  openSales(): number;
  /** The listener's own loopback URL (what a tunnel forwards to). */
  webhookLocalUrl: string;
  /** The address the listener's socket is bound to. */
  webhookBoundAddress: string;
  /** Settles when the start's work after the first screen is done (or the core closed first). */
  startWork: Promise<StartWorkReport>;
  close(): Promise<void>;
}

export { DATABASE_FILE } from './store/data-folder';
export { WebhookPortTakenError } from './webhook/listen';

/** Things to undo at close, last first. */
class Teardown {
  private readonly steps: (() => Promise<void> | void)[] = [];
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }
}

/** Replication to the shop ledger with the URL and counter name in force (issue 15); started once the core is wired. */
function shopReplicator(parts: { ledger: Ledger; settings: OwnerSettings; core: CoreEvents; now: () => Date; log?: (line: string) => void; timings?: ShopReplicatorTimings }): ShopReplicator {
  const { ledger, settings, core, now, log, timings } = parts;
  return new ShopReplicator({
    ledger,
    config: () => ({ url: settings.secret('shopLedgerUrl'), counterName: settings.current.counterName }),
    appVersion: APP_VERSION,
    now,
    onChange: () => core.emit('shop-ledger-changed', undefined),
    log,
    timings,
  });
}

type PartsDeps = Pick<CoreParts, 'ledger' | 'events' | 'core' | 'settings' | 'chain' | 'chainStart' | 'now'> & {
  options: CoreOptions;
  fingerprints: KeyFingerprints;
  log: (line: string) => void;
  teardown: Teardown;
  clock: StartClock;
};

/** The listener, the gateway, the tunnel, reachability, the display and the shop ledger, wired to each other. */
async function startParts({ options, ledger, events, core, settings, chain, chainStart, fingerprints, now, log, teardown, clock }: PartsDeps): Promise<CoreParts> {
  const portIsPromised = settings.current.tunnelMode === 'manual' && settings.secret('apiKey') !== null;
  const listener = await listenForNotices({ ledger, port: options.webhookPort, portIsPromised, log });
  teardown.add(() => listener.close());
  clock.mark('listener');
  const gatewayMode = await GatewayMode.start({ ledger, fingerprints, gatewayUrl: options.gatewayUrl, now, fetch: options.fetch, invoiceTimeoutMs: options.invoiceTimeoutMs }, settings.secret('apiKey'));
  teardown.add(() => gatewayMode.close());
  clock.mark('gateway');
  const { tunnelDriver, tunnelTimings, reachabilityTimeoutMs } = options.tunnel ?? {};
  const tunnel = new TunnelManager({ driver: tunnelDriver ?? createNgrokDriver(), port: listener.port, log, ...tunnelTimings, onChange: announceTunnel(core) });
  teardown.add(() => tunnel.stop());
  const where = { settings, gatewayMode, tunnel, listener };
  const route = () => ({ live: gatewayMode.mode === 'live', webhookUrl: routeOf(where).webhookUrl });
  const check = new ReachabilityCheck({ events: core, route, armProbe: () => listener.armProbe(), now, fetch: options.fetch, timeoutMs: reachabilityTimeoutMs, log });
  teardown.add(() => check.close());
  const display = new CustomerDisplay({ ledger, events, shop: () => ({ shopName: settings.current.shopName, language: counterPrefsOf(settings).language }) });
  const shop = shopReplicator({ ledger, settings, core, now, log, timings: options.shopLedger });
  teardown.add(() => shop.close());
  const parts: CoreParts = { ...where, ledger, events, core, check, chain, display, shop, version: APP_VERSION, now, chainStart };
  wireParts(parts);
  clock.mark('tunnel, display, shop ledger');
  await followSettings(parts);
  clock.mark('settings followed');
  return parts;
}

export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createAppLogger({ dataDir: options.dataDir, now, echo: options.log });
  const { log } = logger;
  const clock = new StartClock();
  const teardown = new Teardown();
  if (!options.logger) teardown.add(() => logger.close());
  let opened: ReturnType<typeof openFolderLedger>;
  try {
    opened = openFolderLedger(options.dataDir, { nativeBinding: options.nativeBinding, log });
  } catch (error) {
    await teardown.run();
    throw error;
  }
  clock.mark('ledger');
  const { ledger } = opened;
  teardown.add(() => opened.close());
  try {
    const events = new PosEvents();
    const core = new CoreEvents(log);
    teardown.add(() => core.close());
    teardown.add(recordConnectivity(core, log));
    const fingerprints = KeyFingerprints.forLedger(ledger);
    const settings = await OwnerSettings.load({ ledger, secrets: options.secrets, flags: options, events: core, log });
    teardown.add(() => settings.close());
    clock.mark('settings');
    // From here on no line is written with a secret the core knows (the install's own as soon as they exist).
    const secrets = coreSecrets(settings, ledger, [options.chain?.tronApiKey, options.chain?.etherscanApiKey]);
    teardown.add(logger.addSecrets(secrets));
    const chainStart = { given: options.chain, publicExplorers: options.publicExplorers };
    const chain = createChainWatch({ ledger, events, core, options: resolveChainOptions(chainStart.given, settings.chain(), chainStart.publicExplorers), now, fetch: options.fetch, log });
    teardown.add(() => chain.close());
    clock.mark('chain watch');

    const parts = await startParts({ options, ledger, events, core, settings, chain, chainStart, fingerprints, now, log, teardown, clock });
    const { listener } = parts;

    const access = new AccessControl({ rules: () => settings.access(), now });
    const cashierFor = (context: Parameters<AccessControl['cashierOf']>[0]) => {
      if (settings.access().cashiers.length === 0) return ok(null);
      const cashier = access.cashierOf(context);
      return cashier ? ok(cashier.name) : fail<string | null>('not-ready', 'Sign in with your cashier PIN before charging.');
    };
    const service = new SaleService({ ledger, events, core, runtime: () => saleRuntimeOf(parts), fingerprints, now, log, cashierFor });
    listener.deliverTo(service);
    clock.mark('sale service');
    // Before the first notice is delivered, and bounded by the sales a crash interrupted (the status
    // index), not by the ledger: a sale left 'creating' is never shown as still being created.
    service.failInterrupted();
    clock.mark('interrupted sales');
    // What grows with the ledger waits for the host's first screen (start-work.ts).
    const startWork = runStartWork({
      options: options.startWork,
      expireAllDue: (between, stopped) => service.expireAllDue(between, stopped),
      afterSweep: (expired) => {
        // The status counts pending sales: say it again once the sweep has changed them.
        if (expired > 0) announceStatus(parts);
        // After the sweep: sales whose invoice ran out while the app was closed are looked for too.
        chain.start();
      },
      backups: () => scheduleBackups(ledger, options.dataDir, now, log),
      log,
    });
    teardown.add(() => startWork.stop());
    parts.shop.reconfigure();
    clock.mark('shop ledger');
    // Closing starts here: nothing reacts to anything any more, no update is taken, no explorer answer recorded.
    teardown.add(async () => {
      core.close();
      settings.close();
      await chain.close();
    });

    const downloads = createDownloadRegistry({ now });
    const handlers = coreHandlers({ options, parts, service, access, secrets, databaseFile: opened.databaseFile, downloads, teardown, log });
    clock.mark('handlers');
    log(clock.line('start: core started'));
    return {
      ledger,
      settings,
      service,
      chain,
      downloads,
      handlers,
      on: (event, listener) => events.on(event, listener),
      status: () => statusOf(parts),
      openSales: () => ledger.countOpenSales(),
      webhookLocalUrl: listener.localUrl,
      webhookBoundAddress: listener.boundAddress,
      startWork: startWork.done,
      close: () => teardown.run(),
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
