// Always on screen: sandbox or live, the tunnel, whether notices can reach the counter, the key
// (only whether it is set) and anything the owner should know now. Not a live region: the header's
// status line is the one that announces.
import type { ReactNode } from 'react';
import type { PosStatus } from '../../shared/api';

type Tunnel = PosStatus['tunnel'];
type Reachability = PosStatus['reachability'];

export function tunnelText(tunnel: Tunnel): string {
  switch (tunnel.state) {
    case 'off':
      return 'off';
    case 'connecting':
      return 'connecting…';
    case 'online':
      return tunnel.url ? `online ${tunnel.url}` : 'online';
    case 'error':
      return `error ${tunnel.message ?? ''}`.trim();
  }
}

export function reachabilityText(reachability: Reachability): string {
  switch (reachability.state) {
    case 'reachable':
      return 'Webhook reachable';
    case 'checking':
      return 'Checking the webhook…';
    case 'unreachable':
      return reachability.message ? `Webhook not reachable: ${reachability.message}` : 'Webhook not reachable';
    case 'unknown':
      return reachability.message ? `Webhook: ${reachability.message}` : 'Webhook not checked yet';
  }
}

export function ReachabilityLine({ reachability }: { reachability: Reachability }) {
  return <span className={`reachability reachability--${reachability.state}`}>{reachabilityText(reachability)}</span>;
}

export function StatusBar({ status, children }: { status: PosStatus | null; children?: ReactNode }) {
  if (!status) return null;
  return (
    <footer className="status-bar" aria-label="Counter status">
      {children}
      <span className={`status-bar__mode status-bar__mode--${status.mode}`}>{status.mode === 'live' ? 'Live' : 'Sandbox mode'}</span>
      <span>Tunnel: {tunnelText(status.tunnel)}</span>
      <ReachabilityLine reachability={status.reachability} />
      <span>API key: {status.hasApiKey ? (status.apiKeyLast4 ? `set, ends in ${status.apiKeyLast4}` : 'set') : 'not set'}</span>
      {status.shopLedger.message ? <span className={`shop-ledger shop-ledger--${status.shopLedger.state}`}>{status.shopLedger.message}</span> : null}
      {status.warnings.map((warning) => (
        <span key={warning} className="status-bar__warning">
          {warning}
        </span>
      ))}
    </footer>
  );
}
