// The register behind a cashier's PIN, on a counter with cashiers: until one signs in on this window
// the keypad is not shown, so every sale says who took it.
import { useEffect, type ReactNode } from 'react';
import { PinForm } from './PinForm';
import { loadAccess, signInCashier, useAccess } from './store';
import { ACCESS_WORDS } from './words';

export function CashierGate({ children }: { children: ReactNode }) {
  const state = useAccess((store) => store.state);
  // Read again each time the register comes up: cashiers may have been set up in another window.
  useEffect(() => void loadAccess(), []);
  if (!state || !state.cashiersEnabled || state.cashier) return <>{children}</>;
  return (
    <section className="cashier-sign-in" aria-labelledby="cashier-sign-in-title">
      <h2 id="cashier-sign-in-title">{ACCESS_WORDS.signInTitle}</h2>
      <p>{ACCESS_WORDS.signInHint}</p>
      <PinForm submitLabel={ACCESS_WORDS.signIn} onSubmit={signInCashier} withKeypad />
    </section>
  );
}
