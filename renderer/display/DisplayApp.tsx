// The customer display (issue 12): the register's current sale as the customer sees it. Idle: the
// shop's name. Paying: the amount, the QR as large as the screen allows, the token and network,
// "Scan to pay". Then Paid (green) or "Please see the cashier". Fits 390×844 up to 1920×1080.
import { useEffect } from 'react';
import type { DisplaySale } from '../../shared/counter';
import { NETWORKS } from '../../shared/mitilena';
import { InvoiceQr } from '../components/InvoiceQr';
import { startDisplayEvents } from '../events';
import { showMoney } from '../format';
import { useT } from '../i18n/locale';
import { useDisplay } from './store';

/** Sharp at any size up to a 4K screen's shorter side (the image is scaled down, never up). */
const DISPLAY_QR_BITMAP_PX = 1200;

export function DisplayApp() {
  useEffect(() => startDisplayEvents(), []);
  const t = useT();
  const view = useDisplay((state) => state.view);
  const error = useDisplay((state) => state.error);
  const sale = view?.sale ?? null;
  const phase = !sale ? 'idle' : sale.status === 'paid' ? 'paid' : sale.status === 'creating' || sale.status === 'pending' ? 'pay' : 'see-cashier';

  return (
    <main className={`display display--${phase}`} aria-label={t('display.label')}>
      {!view ? <p className="display__message">{error ? error.message : t('display.connecting')}</p> : null}
      {view && phase === 'idle' ? (
        <div className="display__idle">
          <p className="display__welcome">{t('display.welcome')}</p>
          <h1 className="display__shop">{view.shopName}</h1>
        </div>
      ) : null}
      {sale && phase === 'pay' ? <Paying sale={sale} shopName={view?.shopName ?? ''} /> : null}
      {sale && phase === 'paid' ? (
        <div className="display__outcome">
          <div className="display__mark" aria-hidden="true">
            ✓
          </div>
          <h1 className="display__title">{t('display.paid')}</h1>
          <p className="display__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
        </div>
      ) : null}
      {sale && phase === 'see-cashier' ? (
        <div className="display__outcome">
          <h1 className="display__title">{t('display.seeCashier')}</h1>
          <p className="display__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
        </div>
      ) : null}
      {sale?.sandbox ? <p className="display__sandbox">{t('display.sandbox')}</p> : null}
    </main>
  );
}

function Paying({ sale, shopName }: { sale: DisplaySale; shopName: string }) {
  const t = useT();
  const network = NETWORKS[sale.blockchain];
  return (
    <div className="display__pay">
      <div className="display__qr-box">
        <InvoiceQr url={sale.paymentPage} bitmapPx={DISPLAY_QR_BITMAP_PX} className="display__qr" />
      </div>
      <div className="display__facts">
        <p className="display__shop-small">{shopName}</p>
        <h1 className="display__title">{sale.status === 'creating' ? t('display.preparing') : t('display.scan')}</h1>
        <p className="display__amount">{showMoney(sale.amountMinor, sale.currency)}</p>
        {sale.tipMinor > 0 ? <p className="display__tip">{t('display.tip', { tip: showMoney(sale.tipMinor, sale.currency) })}</p> : null}
        <p className="display__crypto">{t('display.payWith', { crypto: sale.cryptoAmount ? `${sale.cryptoAmount} ${sale.cryptoSymbol ?? network.token}` : network.token, network: network.network })}</p>
      </div>
    </div>
  );
}
