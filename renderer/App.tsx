// The counter: header, the screen for the current step of the sale, and today's sales beside it.
import { useEffect } from 'react';
import { Header } from './components/Header';
import { Connecting } from './screens/Connecting';
import { Failed } from './screens/Failed';
import { Paid } from './screens/Paid';
import { Payment } from './screens/Payment';
import { Register } from './screens/Register';
import { Review } from './screens/Review';
import { TodaySales } from './screens/TodaySales';
import { announcement, screenFor, type ScreenInputs } from './screen-state';
import { connectCounter, useCounter } from './store';

export function App() {
  useEffect(() => connectCounter(), []);

  const status = useCounter((state) => state.status);
  const inFlight = useCounter((state) => state.inFlight);
  const currentSale = useCounter((state) => state.currentSale);
  const chargeFailure = useCounter((state) => state.chargeFailure);
  const connected = useCounter((state) => state.connected);
  const notReady = useCounter((state) => state.status === null && state.lastErrors.status !== undefined);

  const inputs: ScreenInputs = { hasStatus: status !== null, inFlight, currentSale, chargeFailure };
  const screen = screenFor(inputs);
  const currency = status?.currency ?? '';

  return (
    <div className="app" data-screen={screen}>
      <Header
        status={status}
        announcement={notReady ? 'The counter is not ready' : announcement(inputs)}
        connected={connected}
      />
      <main className="workspace">
        <section className="stage" aria-label="Sale">
          {screen === 'connecting' ? <Connecting /> : null}
          {screen === 'register' ? <Register currency={currency} /> : null}
          {screen === 'payment' && currentSale ? <Payment key={currentSale.id} sale={currentSale} /> : null}
          {screen === 'paid' && currentSale ? <Paid sale={currentSale} /> : null}
          {screen === 'review' && currentSale ? <Review sale={currentSale} /> : null}
          {screen === 'failed' ? <Failed sale={currentSale} chargeFailure={chargeFailure} currency={currency} /> : null}
        </section>
        <TodaySales />
      </main>
    </div>
  );
}
