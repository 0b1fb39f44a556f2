// An owner's screen (Settings) behind the owner's PIN: while this window is locked it asks for the
// PIN in place of the screen; unlocked, it shows the screen.
import { useEffect, type ReactNode } from 'react';
import { PinForm } from './PinForm';
import { loadAccess, unlockOwner, useAccess } from './store';
import { ACCESS_WORDS } from './words';

export function OwnerGate({ what, children }: { what: string; children: ReactNode }) {
  const state = useAccess((store) => store.state);
  useEffect(() => void loadAccess(), []);
  if (!state) return null;
  if (state.ownerUnlocked) return <>{children}</>;
  return (
    <section className="desk owner-gate" aria-labelledby="owner-gate-title">
      <h2 id="owner-gate-title" className="desk__title">
        {what}
      </h2>
      <p>{ACCESS_WORDS.lockedScreen(what)}</p>
      <p>{ACCESS_WORDS.unlockHint}</p>
      <PinForm submitLabel={ACCESS_WORDS.unlock} onSubmit={unlockOwner} />
    </section>
  );
}
