// Live mode: the owner's settings and secrets decide, without a restart, whether sales go to the
// embedded sandbox gateway or to Mitilena Pay, and where their notices must be sent (the listener's
// local URL in the sandbox; a public URL through ngrok or the owner's own proxy in live mode).
import type { PosArgs, PosStatus, SettingsView } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import { createGatewayClient, type GatewayClient } from '../gateway/client';
import { startSandboxGateway, type SandboxGateway } from '../gateway/sandbox';
import { newToken } from '../ids';
import type { SaleRuntime } from '../service';
import { chargeBlockedReason, liveSalesWithoutKeyWarning, STATIC_DOMAIN_ADVICE, strandedSalesWarning } from './advice';
import { createNgrokDriver } from './ngrok-driver';
import { probeWebhook, UNKNOWN, type Reachability } from './reachability';
import { applyFlags, readStoredSettings, validateSettingsUpdate, writeStoredSettings, type StoredSettings } from './settings';
import { TunnelManager, type TunnelConfig, type TunnelState } from './tunnel';
import { SECRET_NAMES, type ChainSettings, type LiveMode, type LiveModeDeps, type SecretName } from './types';

export const DEFAULT_GATEWAY_URL = 'https://mitilena.com/api';
/** A failed check is repeated on its own this often, so a proxy that comes up later unblocks Charge. */
export const REACHABILITY_RETRY_MS = 30_000;
/** A passed check is repeated this often (silently: Charge stays open meanwhile), so a proxy that went down shows. */
export const REACHABILITY_RECHECK_MS = 5 * 60_000;
const MAX_PENDING_SCAN = 1000;
/** An older sale's invoice lives at most 14 days at the gateway. */
const OLDER_SALES_KEY_KEPT_MS = 15 * 24 * 60 * 60 * 1000;

/**
 * Sales from before key fingerprints were verified by the key of their mode; they are stamped with
 * it once, so a later change of key does not strand them (a live key is kept recognised a while).
 */
function adoptOlderSales(deps: LiveModeDeps, sandboxKey: string, liveKey: string | null): void {
  const { ledger, fingerprints } = deps;
  ledger.backfillKeyFingerprints(true, fingerprints.of(sandboxKey));
  if (!liveKey) return;
  const fingerprint = fingerprints.of(liveKey);
  if (ledger.backfillKeyFingerprints(false, fingerprint) === 0) return;
  const now = deps.now();
  ledger.rememberInvoiceKey(fingerprint, false, now.toISOString(), new Date(now.getTime() + OLDER_SALES_KEY_KEPT_MS).toISOString());
}

export async function startLiveMode(deps: LiveModeDeps): Promise<LiveMode> {
  const { ledger, events, secrets, listener, log } = deps;
  let stored = readStoredSettings(ledger, log);
  let settings: StoredSettings = applyFlags(stored, deps.flags);
  const gatewayUrl = deps.flags.gatewayUrl ?? DEFAULT_GATEWAY_URL;
  const secretValues: Record<SecretName, string | null> = {
    apiKey: await secrets.get('apiKey'),
    ngrokAuthtoken: await secrets.get('ngrokAuthtoken'),
    trongridApiKey: await secrets.get('trongridApiKey'),
    etherscanApiKey: await secrets.get('etherscanApiKey'),
  };
  let sandboxKey = ledger.getMeta('sandbox_key');
  if (!sandboxKey) {
    sandboxKey = newToken();
    ledger.setMeta('sandbox_key', sandboxKey);
  }
  const noticeKeyForSandbox = sandboxKey;
  adoptOlderSales(deps, sandboxKey, secretValues.apiKey);

  let mode: 'sandbox' | 'live' = 'sandbox';
  let sandbox: SandboxGateway | null = null;
  let gateway: GatewayClient | null = null;
  let runningTunnel: TunnelConfig | null = null;
  let reachability: Reachability = UNKNOWN;
  let reachabilityUrl: string | null = null;
  let checkGeneration = 0;
  let recheck: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let updating: Promise<unknown> = Promise.resolve();
  let tunnelOnline = false;

  const tunnel = new TunnelManager({
    driver: deps.tunnelDriver ?? createNgrokDriver(),
    port: listener.port,
    log,
    ...deps.tunnelTimings,
    onChange: (state) => {
      if (closed) return;
      const wasOnline = tunnelOnline;
      tunnelOnline = state.state === 'online';
      refreshReachability();
      announce();
      if (tunnelOnline && !wasOnline) deps.onBackOnline?.();
    },
  });

  function publicBase(): string | null {
    if (mode === 'sandbox') return null;
    if (settings.tunnelMode === 'manual') return settings.publicUrl;
    if (settings.tunnelMode === 'ngrok') return tunnel.state().url;
    return null;
  }

  function webhookUrl(): string | null {
    if (mode === 'sandbox') return listener.localUrl;
    const base = publicBase();
    return base === null ? null : `${base}${listener.path}`;
  }

  function tunnelView(): TunnelState {
    if (mode === 'sandbox') return { state: 'off', url: null, message: 'Not needed in sandbox mode: notices come from this computer.' };
    if (settings.tunnelMode === 'manual') return { state: 'online', url: settings.publicUrl, message: 'your own public URL' };
    if (settings.tunnelMode === 'off') return { state: 'off', url: null, message: 'Tunnel off: payment notices cannot reach this counter.' };
    if (!secretValues.ngrokAuthtoken) return { state: 'error', url: null, message: 'No ngrok authtoken: add it in Settings (free at ngrok.com), or use your own public URL.' };
    return tunnel.state();
  }

  function blockedReason(): string | null {
    if (mode === 'sandbox') return null;
    return chargeBlockedReason({
      webhookUrl: webhookUrl(),
      tunnel: tunnelView(),
      tunnelMode: settings.tunnelMode,
      hasAuthtoken: secretValues.ngrokAuthtoken !== null,
      reachability,
      reachabilityUrl,
    });
  }

  function warnings(): string[] {
    const list: string[] = [];
    if (secrets.warning) list.push(secrets.warning);
    if (mode === 'live') {
      const chainNote = deps.chainNote?.(settings.blockchain);
      if (chainNote) list.push(chainNote);
      const ngrokWithoutDomain = settings.tunnelMode === 'ngrok' && !settings.ngrokDomain;
      const pending = ledger.listSales({ status: 'pending', limit: MAX_PENDING_SCAN });
      const stranded = strandedSalesWarning(pending, webhookUrl(), ngrokWithoutDomain);
      if (stranded) list.push(stranded);
      else if (ngrokWithoutDomain && secretValues.ngrokAuthtoken) list.push(`The ngrok address changes whenever the tunnel reconnects. ${STATIC_DOMAIN_ADVICE}`);
    } else {
      const live = ledger.listSales({ status: 'pending', limit: MAX_PENDING_SCAN }).filter((sale) => !sale.sandbox).length;
      if (live) list.push(liveSalesWithoutKeyWarning(live));
    }
    if (deps.extraWarnings) list.push(...deps.extraWarnings());
    return list;
  }

  function status(): PosStatus {
    const apiKey = secretValues.apiKey;
    return {
      mode,
      currency: settings.currency,
      blockchain: settings.blockchain,
      shopName: settings.shopName,
      hasApiKey: apiKey !== null,
      apiKeyLast4: apiKey ? apiKey.slice(-4) : null,
      webhookUrl: webhookUrl(),
      version: deps.version,
      tunnel: tunnelView(),
      reachability: mode === 'sandbox' && reachabilityUrl === null ? { ...UNKNOWN, message: 'Not needed in sandbox mode.' } : reachability,
      chargeBlockedReason: blockedReason(),
      warnings: warnings(),
    };
  }

  function announce(): void {
    if (!closed) events.emit('status-changed', status());
  }

  function view(): SettingsView {
    const secretView = (value: string | null) => ({ set: value !== null, last4: value ? value.slice(-4) : null });
    return {
      currency: settings.currency,
      blockchain: settings.blockchain,
      language: settings.language,
      shopName: settings.shopName,
      receiptFooter: settings.receiptFooter,
      apiKey: secretView(secretValues.apiKey),
      tunnelMode: settings.tunnelMode,
      ngrokAuthtoken: secretView(secretValues.ngrokAuthtoken),
      ngrokDomain: settings.ngrokDomain,
      publicUrl: settings.publicUrl,
      tronApi: settings.tronApi,
      etherscanApi: settings.etherscanApi,
      chainConfirm: settings.chainConfirm,
      publicTronGrid: settings.publicTronGrid,
      chainNote: deps.chainNote?.(settings.blockchain) ?? null,
      trongridApiKey: secretView(secretValues.trongridApiKey),
      etherscanApiKey: secretView(secretValues.etherscanApiKey),
      secretStorage: { kind: secrets.kind, warning: secrets.warning },
    };
  }

  function chainSettings(): ChainSettings {
    return {
      tronApi: settings.tronApi,
      etherscanApi: settings.etherscanApi,
      chainConfirm: settings.chainConfirm,
      publicTronGrid: settings.publicTronGrid,
      trongridApiKey: secretValues.trongridApiKey,
      etherscanApiKey: secretValues.etherscanApiKey,
    };
  }

  /** Compares explorer settings; never logged or sent anywhere (it holds the keys). */
  function chainKey(): string {
    return JSON.stringify(chainSettings());
  }

  /** Runs the self-check against the current webhook URL; a result for a URL no longer current is dropped. */
  async function runCheck(): Promise<Reachability> {
    const url = webhookUrl();
    const generation = ++checkGeneration;
    const wasUnreachable = reachability.state === 'unreachable';
    if (recheck) clearTimeout(recheck);
    recheck = null;
    if (url === null) {
      reachability = { state: 'unreachable', message: 'There is no public URL yet, so nothing can be checked.', checkedAt: deps.now().toISOString() };
      reachabilityUrl = null;
      return reachability;
    }
    // Re-proving a URL that already passed keeps Charge open meanwhile; a new URL is "checking" until proven.
    if (!(reachabilityUrl === url && reachability.state === 'reachable')) {
      reachability = { state: 'checking', message: null, checkedAt: null };
      reachabilityUrl = url;
      announce();
    }
    const result = await probeWebhook({ url, armProbe: () => listener.armProbe(), fetch: deps.fetch, timeoutMs: deps.reachabilityTimeoutMs, now: deps.now });
    if (closed || generation !== checkGeneration) return result;
    const cameBack = mode === 'live' && wasUnreachable && result.state === 'reachable';
    reachability = result;
    if (cameBack) deps.onBackOnline?.();
    if (mode === 'live') {
      if (result.state === 'unreachable') log?.(`webhook: ${result.message ?? 'not reachable'}`);
      recheck = setTimeout(() => void runCheck(), result.state === 'unreachable' ? REACHABILITY_RETRY_MS : REACHABILITY_RECHECK_MS);
      recheck.unref?.();
    }
    announce();
    return result;
  }

  /** A new public URL (or none) gets a fresh check; the result stays valid while the URL does. */
  function refreshReachability(): void {
    const url = mode === 'live' ? webhookUrl() : null;
    if (url === reachabilityUrl && (url === null || reachability.state !== 'unknown')) return;
    if (url === null) {
      checkGeneration++;
      reachability = UNKNOWN;
      reachabilityUrl = null;
      return;
    }
    void runCheck();
  }

  /** Brings the gateway and the tunnel in line with the current settings and secrets. */
  async function reconfigure(): Promise<void> {
    const apiKey = secretValues.apiKey;
    if (apiKey) {
      if (sandbox) await sandbox.close();
      sandbox = null;
      mode = 'live';
      gateway = createGatewayClient({ baseUrl: gatewayUrl, apiKey, fetch: deps.fetch, timeoutMs: deps.invoiceTimeoutMs });
    } else {
      sandbox ??= await startSandboxGateway({ apiKey: noticeKeyForSandbox, now: deps.now, fetch: deps.fetch });
      mode = 'sandbox';
      gateway = createGatewayClient({ baseUrl: sandbox.baseUrl, apiKey: noticeKeyForSandbox, fetch: deps.fetch, timeoutMs: deps.invoiceTimeoutMs });
      reachabilityUrl = null;
      reachability = UNKNOWN;
    }
    const authtoken = secretValues.ngrokAuthtoken;
    const wanted: TunnelConfig | null = mode === 'live' && settings.tunnelMode === 'ngrok' && authtoken ? { authtoken, domain: settings.ngrokDomain } : null;
    if (wanted?.authtoken !== runningTunnel?.authtoken || wanted?.domain !== runningTunnel?.domain) {
      runningTunnel = wanted;
      if (wanted) void tunnel.start(wanted);
      else await tunnel.stop();
    }
    refreshReachability();
  }

  async function updateSettings(update: PosArgs<'updateSettings'>): Promise<Result<SettingsView>> {
    const checked = validateSettingsUpdate(update, settings);
    const fields = checked.ok ? {} : { ...checked.fields };
    for (const name of SECRET_NAMES) {
      const reason = update[name] !== undefined ? (secrets.readOnlyReason?.(name) ?? null) : null;
      if (reason) fields[name] = reason;
    }
    if (!checked.ok || Object.keys(fields).length) {
      return fail('invalid-input', `Nothing was changed; please fix: ${Object.keys(fields).join(', ')}.`, fields);
    }
    const before = { ...secretValues };
    const chainBefore = chainKey();
    try {
      for (const name of SECRET_NAMES) {
        const value = checked.secrets[name];
        if (value === undefined) continue;
        await secrets.set(name, value);
        secretValues[name] = value;
      }
    } catch (error) {
      // Put back whatever was already written, so a half-applied update cannot remain.
      for (const name of SECRET_NAMES) {
        if (secretValues[name] !== before[name]) await secrets.set(name, before[name]).catch(() => undefined);
        secretValues[name] = before[name];
      }
      const reason = error instanceof Error ? error.message : 'unknown error';
      return fail('internal', `The secrets could not be saved, so nothing was changed: ${reason}`);
    }
    stored = { ...stored, ...checked.patch };
    writeStoredSettings(ledger, stored);
    settings = { ...settings, ...checked.patch };
    await reconfigure();
    // The chain watch rebuilds its readers before this update answers: the next notice uses them.
    if (chainKey() !== chainBefore) deps.onChainSettingsChanged?.(chainSettings());
    announce();
    return ok(view());
  }

  await reconfigure();

  return {
    runtime(): SaleRuntime {
      return {
        settings: { currency: settings.currency, blockchain: settings.blockchain, language: settings.language, shopName: settings.shopName },
        mode,
        gateway: gateway as GatewayClient,
        invoiceKey: mode === 'live' ? (secretValues.apiKey as string) : noticeKeyForSandbox,
        keys: { sandboxKey: noticeKeyForSandbox, liveKey: secretValues.apiKey },
        webhookUrl: webhookUrl(),
        chargeBlockedReason: blockedReason(),
      };
    },
    status,
    receiptSettings: () => ({ shopName: settings.shopName, receiptFooter: settings.receiptFooter }),
    chainSettings,
    handlers: {
      getSettings: async () => ok(view()),
      updateSettings: (update) => {
        // One update at a time: two racing saves would otherwise interleave their secrets and restarts.
        const next = updating.then(() => (closed ? fail<SettingsView>('not-ready', 'The app is shutting down.') : updateSettings(update)));
        updating = next.catch(() => undefined);
        return next;
      },
      checkReachability: async () => ok(await runCheck()),
    },
    async close() {
      closed = true;
      checkGeneration++;
      if (recheck) clearTimeout(recheck);
      await tunnel.stop();
      await sandbox?.close();
      sandbox = null;
    },
  };
}
