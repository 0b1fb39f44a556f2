// Shop name, the sandbox warning, and the one live region that announces the payment state.
import type { ReactNode } from 'react';
import type { PosStatus } from '../../shared/api';
import { useT } from '../i18n/locale';

interface HeaderProps {
  status: PosStatus | null;
  announcement: string;
  connected: boolean;
  /** The screens' navigation, placed in the bar. */
  children?: ReactNode;
}

export function Header({ status, announcement, connected, children }: HeaderProps) {
  const t = useT();
  return (
    <>
      <header className="topbar">
        <div className="topbar__brand">
          <h1 className="topbar__shop">{status?.shopName || t('app.name')}</h1>
          {status?.shopName ? <span className="topbar__app">{t('app.name')}</span> : null}
        </div>
        {children}
        <div className="topbar__status" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        {status?.mode === 'sandbox' ? <span className="sandbox-badge">{t('header.sandbox')}</span> : null}
      </header>
      {!connected && status ? (
        <p className="banner banner--warning">{t('header.reconnecting')}</p>
      ) : null}
      {status && status.mode === 'live' && !status.hasApiKey ? (
        <p className="banner banner--danger">{t('header.noApiKey')}</p>
      ) : null}
    </>
  );
}
