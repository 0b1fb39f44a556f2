// The counter: header with the screens' navigation, the cashier's register (home) or one of the
// owner's screens, the status bar, and the receipt dialog when one is open.
import { useEffect } from 'react';
import { CustomerReceiptDialog } from './components/CustomerReceipt';
import { AccessBar } from './access/AccessBar';
import { CashierGate } from './access/CashierGate';
import { OwnerGate } from './access/OwnerGate';
import { UnlockDialog } from './access/UnlockDialog';
import { Header } from './components/Header';
import { NavBar } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { useDesk, VIEW_LABEL } from './desk/store';
import { Connecting } from './screens/Connecting';
import { DayClose } from './screens/DayClose';
import { Failed } from './screens/Failed';
import { History } from './screens/History';
import { Paid } from './screens/Paid';
import { Payment } from './screens/Payment';
import { ReceiptDialog } from './screens/Receipt';
import { Register } from './screens/Register';
import { Review } from './screens/Review';
import { Settings } from './screens/Settings';
import { TipStep } from './screens/TipStep';
import { TodaySales } from './screens/TodaySales';
import { Waiting } from './screens/Waiting';
import { announcement, screenFor, type ScreenInputs } from './screen-state';
import { startEvents } from './events';
import { useLocale, useT } from './i18n/locale';
import { useCustomerReceipt } from './receipt-print';
import { useCounter } from './store';

export function App() {
  useEffect(() => startEvents(), []);

  const status = useCounter((state) => state.status);
  const inFlight = useCounter((state) => state.inFlight);
  const slowGateway = useCounter((state) => state.slowGateway);
  const attempt = useCounter((state) => state.attempt);
  const currentSale = useCounter((state) => state.currentSale);
  const chargeFailure = useCounter((state) => state.chargeFailure);
  const connected = useCounter((state) => state.connected);
  const notReady = useCounter((state) => state.status === null && state.lastErrors.status !== undefined);
  const preCharge = useCounter((state) => state.preCharge);
  const view = useDesk((state) => state.view);
  const receiptSaleId = useDesk((state) => state.receiptSaleId);
  const customerReceipt = useCustomerReceipt((state) => state.saleId);
  const t = useT();
  // Re-rendered in the new language when Settings changes it.
  useLocale((state) => state.language);

  const inputs: ScreenInputs = { hasStatus: status !== null, inFlight, slowGateway, currentSale, chargeFailure, preCharge };
  const screen = screenFor(inputs);
  const currency = status?.currency ?? '';

  return (
    // Only the Sell view takes the sale's colours; the owner's screens stay neutral.
    <div className="app" data-screen={view === 'sell' ? screen : 'desk'}>
      <Header
        status={status}
        announcement={notReady ? t('status.notReady') : announcement(inputs)}
        connected={connected}
      >
        <NavBar />
      </Header>
      {view === 'sell' ? (
        // Mounted only on Sell: the keypad's and result screens' keyboard handlers go with it.
        <main className="workspace">
          <section className="stage" aria-label={t('app.sale')}>
            {screen === 'connecting' ? <Connecting /> : null}
            {screen === 'register' ? (
              <CashierGate>
                <Register currency={currency} />
              </CashierGate>
            ) : null}
            {screen === 'tip' && preCharge ? <TipStep amount={preCharge.amount} currency={currency} /> : null}
            {screen === 'waiting' && attempt ? <Waiting attempt={attempt} currency={currency} /> : null}
            {screen === 'payment' && currentSale ? <Payment key={currentSale.id} sale={currentSale} /> : null}
            {screen === 'paid' && currentSale ? <Paid sale={currentSale} /> : null}
            {screen === 'review' && currentSale ? <Review sale={currentSale} /> : null}
            {screen === 'failed' ? <Failed sale={currentSale} chargeFailure={chargeFailure} currency={currency} /> : null}
          </section>
          <TodaySales />
        </main>
      ) : (
        <main className="workspace workspace--desk">
          <section className="stage stage--desk" aria-label={VIEW_LABEL[view]}>
            {view === 'history' ? <History /> : null}
            {view === 'day-close' ? <DayClose /> : null}
            {view === 'settings' ? (
              <OwnerGate what="Settings">
                <Settings />
              </OwnerGate>
            ) : null}
          </section>
        </main>
      )}
      <StatusBar status={status}>
        {/* Who is signed in on this window, in the bar at the foot: the header never moves for it. */}
        <AccessBar />
      </StatusBar>
      <Toasts />
      {receiptSaleId ? <ReceiptDialog saleId={receiptSaleId} /> : null}
      {customerReceipt ? <CustomerReceiptDialog /> : null}
      <UnlockDialog />
    </div>
  );
}
