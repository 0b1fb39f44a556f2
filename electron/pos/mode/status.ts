// The counter's status as the owner and the cashier see it (PosStatus): composed, purely, from the
// facts the core gathers (settings, mode, where notices go, the reachability check, what the ledger
// counts, what other parts want said). Nothing here reads or lists sales.
import type { PosStatus } from '../../../shared/api';
import type { StoredSettings } from '../settings/stored';
import type { TunnelState } from '../tunnel/manager';
import { UNKNOWN, type Reachability } from '../tunnel/reachability';
import { chargeBlockedReason, liveSalesWithoutKeyWarning, STATIC_DOMAIN_ADVICE, strandedSalesWarning } from './advice';

export interface StatusFacts {
  mode: 'sandbox' | 'live';
  settings: Pick<StoredSettings, 'currency' | 'blockchain' | 'shopName' | 'tunnelMode' | 'ngrokDomain'>;
  apiKey: string | null;
  hasAuthtoken: boolean;
  version: string;
  /** Where notices go now and the tunnel as the owner should see it (tunnel/notice-route.ts). */
  route: { webhookUrl: string | null; tunnel: TunnelState };
  /** The last reachability result and the URL it is about. */
  check: { reachability: Reachability; url: string | null };
  /** The secret store's own warning (e.g. no keyring). */
  secretsWarning: string | null;
  /** What the chain watch cannot do for the shop's network, in words. */
  chainNote: string | null;
  /** Live mode with a URL: the pending live sales whose notice goes to an older URL (one bounded query). */
  stranded: { count: number; newestWebhookUrl: string } | null;
  /** Sandbox mode: how many live sales are still pending (one indexed count). */
  pendingLive: number;
  /** More lines for the status bar (payments recovered from the chain, unreadable notices). */
  moreWarnings: readonly string[];
  /** The shop ledger's replication (issue 15); off when not given. */
  shopLedger?: PosStatus['shopLedger'];
}

/** Null when Charge may go ahead; otherwise why not. The sandbox needs no public URL. */
export function chargeBlocked(facts: StatusFacts): string | null {
  if (facts.mode === 'sandbox') return null;
  return chargeBlockedReason({
    webhookUrl: facts.route.webhookUrl,
    tunnel: facts.route.tunnel,
    tunnelMode: facts.settings.tunnelMode,
    hasAuthtoken: facts.hasAuthtoken,
    reachability: facts.check.reachability,
    reachabilityUrl: facts.check.url,
  });
}

function warnings(facts: StatusFacts): string[] {
  const list: string[] = [];
  if (facts.secretsWarning) list.push(facts.secretsWarning);
  if (facts.mode === 'live') {
    if (facts.chainNote) list.push(facts.chainNote);
    const ngrokWithoutDomain = facts.settings.tunnelMode === 'ngrok' && !facts.settings.ngrokDomain;
    const stranded = strandedSalesWarning(facts.stranded, ngrokWithoutDomain);
    if (stranded) list.push(stranded);
    else if (ngrokWithoutDomain && facts.hasAuthtoken) list.push(`The ngrok address changes whenever the tunnel reconnects. ${STATIC_DOMAIN_ADVICE}`);
  } else {
    if (facts.pendingLive) list.push(liveSalesWithoutKeyWarning(facts.pendingLive));
  }
  return [...list, ...facts.moreWarnings];
}

/** Everything but the counter's own settings (issue 12) and whether the whole shop can be read (issue 15), which core-parts.ts adds. */
export function composeStatus(facts: StatusFacts): Omit<PosStatus, 'counter' | 'wholeShop'> {
  const { mode, settings, apiKey, route, check } = facts;
  return {
    mode,
    currency: settings.currency,
    blockchain: settings.blockchain,
    shopName: settings.shopName,
    hasApiKey: apiKey !== null,
    apiKeyLast4: apiKey ? apiKey.slice(-4) : null,
    webhookUrl: route.webhookUrl,
    version: facts.version,
    tunnel: route.tunnel,
    reachability: mode === 'sandbox' && check.url === null ? { ...UNKNOWN, message: 'Not needed in sandbox mode.' } : check.reachability,
    chargeBlockedReason: chargeBlocked(facts),
    warnings: warnings(facts),
    shopLedger: facts.shopLedger ?? { state: 'off', behind: 0, message: null },
  };
}
