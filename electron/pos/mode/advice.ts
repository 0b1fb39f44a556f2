// The sentences live mode shows the owner and the cashier: why Charge is blocked and how to fix it,
// and the warnings in the status bar. Pure functions of the current state.
import type { TunnelMode } from '../settings/stored';
import type { TunnelState } from '../tunnel/manager';
import type { Reachability } from '../tunnel/reachability';

const NOTHING_CHARGED = 'Nothing was charged.';
export const STATIC_DOMAIN_ADVICE =
  'A free ngrok account includes one static domain: enter it in Settings so the address never changes and notices for pending sales are not stranded.';

/** Null when a live sale may go ahead; otherwise why not, and what to do. */
export function chargeBlockedReason(input: {
  webhookUrl: string | null;
  tunnel: TunnelState;
  tunnelMode: TunnelMode;
  hasAuthtoken: boolean;
  reachability: Reachability;
  reachabilityUrl: string | null;
}): string | null {
  const { webhookUrl, tunnel, reachability } = input;
  if (webhookUrl === null) {
    if (input.tunnelMode === 'off') {
      return `The tunnel is off, so payment notices cannot reach this counter. Turn on ngrok or enter your own public URL in Settings. ${NOTHING_CHARGED}`;
    }
    if (input.tunnelMode === 'ngrok' && !input.hasAuthtoken) {
      return `Live mode needs a public address for payment notices: add your ngrok authtoken in Settings (or enter your own public URL). ${NOTHING_CHARGED}`;
    }
    if (tunnel.state === 'error') {
      return `The tunnel is down (${tunnel.message ?? 'no connection'}). Check the internet connection and the ngrok authtoken and domain in Settings. ${NOTHING_CHARGED}`;
    }
    return `The ngrok tunnel is still connecting; Charge works as soon as payment notices can reach this counter. ${NOTHING_CHARGED}`;
  }
  if (input.reachabilityUrl !== webhookUrl || reachability.state === 'unknown' || reachability.state === 'checking') {
    return `Checking that payment notices can reach this counter through the public URL; try again in a moment. ${NOTHING_CHARGED}`;
  }
  if (reachability.state === 'unreachable') {
    const fix =
      input.tunnelMode === 'manual'
        ? 'Check your reverse proxy and the public URL in Settings, then press "Check again".'
        : 'Check the tunnel in Settings, then press "Check again".';
    return `Payment notices cannot reach this counter: ${reachability.message ?? 'the check failed'} ${fix} ${NOTHING_CHARGED}`;
  }
  return null;
}

/** Pending live sales whose invoice was given another webhook URL than the current one (see Ledger.strandedPending). */
export function strandedSalesWarning(stranded: { count: number; newestWebhookUrl: string } | null, ngrokWithoutDomain: boolean): string | null {
  if (!stranded) return null;
  const oldBase = originOf(stranded.newestWebhookUrl);
  const count = stranded.count === 1 ? '1 pending sale' : `${stranded.count} pending sales`;
  const verb = stranded.count === 1 ? 'sends its notice' : 'send their notices';
  return (
    `The public URL changed: ${count} ${verb} to the old URL (${oldBase}), which no longer reaches this counter. ` +
    `If such a sale is paid, check the payment in your Mitilena dashboard and mark it paid by hand.` +
    (ngrokWithoutDomain ? ` ${STATIC_DOMAIN_ADVICE}` : '')
  );
}

/** Live sales still pending after the API key was removed: their notices cannot be verified now. */
export function liveSalesWithoutKeyWarning(count: number): string {
  const sales = count === 1 ? '1 live sale is' : `${count} live sales are`;
  return `${sales} still pending, but no API key is set, so their payment notices cannot be verified and will be refused. Add the API key again in Settings.`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the old address';
  }
}
