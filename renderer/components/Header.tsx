// Shop name, the sandbox warning, and the one live region that announces the payment state.
import type { ReactNode } from 'react';
import type { PosStatus } from '../../shared/api';
import { SANDBOX_LABEL } from '../format';

interface HeaderProps {
  status: PosStatus | null;
  announcement: string;
  connected: boolean;
  /** The screens' navigation, placed in the bar. */
  children?: ReactNode;
}

export function Header({ status, announcement, connected, children }: HeaderProps) {
  return (
    <>
      <header className="topbar">
        <div className="topbar__brand">
          <h1 className="topbar__shop">{status?.shopName || 'Mitilena Counter'}</h1>
          {status?.shopName ? <span className="topbar__app">Mitilena Counter</span> : null}
        </div>
        {children}
        <div className="topbar__status" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        {status?.mode === 'sandbox' ? <span className="sandbox-badge">{SANDBOX_LABEL}</span> : null}
      </header>
      {!connected && status ? (
        <p className="banner banner--warning">
          Live updates from the counter service stopped. Reconnecting… Payments are still recorded; this screen
          catches up when the connection is back.
        </p>
      ) : null}
      {status && status.mode === 'live' && !status.hasApiKey ? (
        <p className="banner banner--danger">
          No Mitilena API key is set, so charges will be refused. The owner can add it in the settings.
        </p>
      ) : null}
    </>
  );
}
