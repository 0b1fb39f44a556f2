// The running core's parts, and what is derived from them together: where notices go now, what the
// next sale is made with, the status the owner sees, and how the parts react to each other's events.
// core.ts starts and stops the parts; this file is the one place that reads across them.
import type { PosStatus } from '../../shared/api';
import { resolveUiLanguage, type CounterPrefs } from '../../shared/counter';
import type { ChainOptions } from './chain/options';
import { resolveChainOptions } from './chain/options';
import type { ChainWatch } from './chain/watch';
import type { CoreEvents } from './core-events';
import type { CustomerDisplay } from './counter/display';
import type { PosEvents } from './events';
import type { GatewayMode } from './mode/gateway-mode';
import { chargeBlocked, composeStatus, type StatusFacts } from './mode/status';
import type { SaleRuntime } from './sales/service';
import type { ShopReplicator } from './shop/replicator';
import type { OwnerSettings } from './settings/owner-settings';
import type { Ledger } from './store/ledger';
import type { TunnelConfig, TunnelManager } from './tunnel/manager';
import { noticeRoute, type NoticeRoute } from './tunnel/notice-route';
import type { ReachabilityCheck } from './tunnel/reachability-check';
import type { WebhookListener } from './webhook/listener';
import { unreadNoticeWarning } from './webhook/unread-warning';

export interface CoreParts {
  ledger: Ledger;
  events: PosEvents;
  core: CoreEvents;
  settings: OwnerSettings;
  gatewayMode: GatewayMode;
  tunnel: TunnelManager;
  check: ReachabilityCheck;
  chain: ChainWatch;
  listener: WebhookListener;
  /** The register's current sale as a customer display shows it (issue 12). */
  display: CustomerDisplay;
  /** Replication to the shop ledger (issue 15). */
  shop: ShopReplicator;
  version: string;
  now: () => Date;
  /** The chain options given at start, and whether public explorers are the default (desktop app). */
  chainStart: { given?: ChainOptions; publicExplorers?: boolean };
}

export function routeOf(parts: Pick<CoreParts, 'settings' | 'gatewayMode' | 'tunnel' | 'listener'>): NoticeRoute {
  const { tunnelMode, publicUrl } = parts.settings.current;
  return noticeRoute({
    mode: parts.gatewayMode.mode,
    tunnelMode,
    publicUrl,
    hasAuthtoken: parts.settings.secret('ngrokAuthtoken') !== null,
    tunnel: parts.tunnel.state(),
    listener: parts.listener,
  });
}

function statusFacts(parts: CoreParts): StatusFacts {
  const { settings, gatewayMode, ledger } = parts;
  const mode = gatewayMode.mode;
  const route = routeOf(parts);
  const unread = unreadNoticeWarning(ledger, parts.now());
  return {
    mode,
    settings: settings.current,
    apiKey: settings.secret('apiKey'),
    hasAuthtoken: settings.secret('ngrokAuthtoken') !== null,
    version: parts.version,
    route,
    check: parts.check.state(),
    secretsWarning: settings.secretStorage.warning,
    chainNote: parts.chain.coverageNote(settings.current.blockchain),
    stranded: mode === 'live' && route.webhookUrl !== null ? ledger.strandedPending(route.webhookUrl) : null,
    pendingLive: mode === 'sandbox' ? ledger.countPendingLive() : 0,
    moreWarnings: [...parts.chain.warnings(), ...(unread ? [unread] : [])],
    shopLedger: parts.shop.status(),
  };
}

export function statusOf(parts: CoreParts): PosStatus {
  return { ...composeStatus(statusFacts(parts)), counter: counterPrefsOf(parts.settings), wholeShop: parts.settings.secret('shopLedgerOwnerUrl') !== null };
}

/** The counter's own settings with the UI language resolved (issue 12). */
export function counterPrefsOf(settings: OwnerSettings): CounterPrefs {
  return { ...settings.counter, language: resolveUiLanguage(settings.counter.uiLanguage, settings.current.language) };
}

/** What the next sale is made with; changes when the settings do, without a restart. */
export function saleRuntimeOf(parts: CoreParts): SaleRuntime {
  const { currency, blockchain, language, shopName } = parts.settings.current;
  const { gatewayMode } = parts;
  return {
    settings: { currency, blockchain, language, shopName },
    mode: gatewayMode.mode,
    gateway: gatewayMode.gateway,
    invoiceKey: gatewayMode.invoiceKey,
    keys: gatewayMode.keys,
    webhookUrl: routeOf(parts).webhookUrl,
    chargeBlockedReason: chargeBlocked(statusFacts(parts)),
  };
}

/** The tunnel the settings ask for: ngrok in live mode with an authtoken; none otherwise. */
function wantedTunnel(parts: CoreParts): TunnelConfig | null {
  const { tunnelMode, ngrokDomain } = parts.settings.current;
  const authtoken = parts.settings.secret('ngrokAuthtoken');
  return parts.gatewayMode.mode === 'live' && tunnelMode === 'ngrok' && authtoken ? { authtoken, domain: ngrokDomain } : null;
}

/** Brings the gateway, the tunnel and the reachability check in line with the settings and secrets. */
export async function followSettings(parts: CoreParts): Promise<void> {
  await parts.gatewayMode.apply(parts.settings.secret('apiKey'));
  if (parts.gatewayMode.mode === 'sandbox') parts.check.forget();
  await parts.tunnel.want(wantedTunnel(parts));
  parts.check.refresh();
}

/**
 * Tells the screens the status changed. Made only when someone listens: the status counts pending
 * sales, and at start (nobody connected yet) that cost is the first screen's.
 */
export function announceStatus(parts: CoreParts): void {
  if (parts.events.listens('status-changed')) parts.events.emit('status-changed', statusOf(parts));
}

/** Who reacts to what inside the core. */
export function wireParts(parts: CoreParts): void {
  const { core, chain } = parts;
  const announce = (): void => announceStatus(parts);
  core.on('settings-changed', () => followSettings(parts));
  // The chain watch rebuilds its readers before updateSettings answers: the next notice uses them.
  core.on('settings-changed', ({ chainChanged }) => {
    if (chainChanged) chain.reconfigure(resolveChainOptions(parts.chainStart.given, parts.settings.chain(), parts.chainStart.publicExplorers));
  });
  core.on('settings-changed', announce);
  core.on('tunnel-changed', () => {
    parts.check.refresh();
    announce();
  });
  core.on('reachability-changed', announce);
  core.on('unread-notice', announce);
  core.on('chain-warnings-changed', announce);
  // Notices can reach the counter again: look for the payments whose notices went nowhere meanwhile.
  core.on('tunnel-online', () => void chain.recover('tunnel-back'));
  core.on('webhook-reachable-again', () => void chain.recover('tunnel-back'));
  core.on('paid-by-notice', (sale) => chain.paidByNotice(sale));
  // The customer display follows the register's current sale, and the shop's name and language.
  const { display } = parts;
  core.on('sale-started', (sale) => void display.show(sale.id));
  core.on('settings-changed', () => void display.announce());
  parts.events.on('sale-updated', (sale) => {
    if (display.isCurrent(sale.id)) display.announce();
  });
  // The shop ledger: new events are sent soon (never on the sale's own path), a changed URL or name reconnects.
  parts.events.on('sale-updated', () => core.emit('sales-recorded', undefined));
  core.on('sales-recorded', () => parts.shop.wake());
  core.on('settings-changed', () => parts.shop.reconfigure());
  core.on('shop-ledger-changed', announce);
}
