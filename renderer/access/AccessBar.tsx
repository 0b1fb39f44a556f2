// In the status bar at the foot of every screen: who is signed in on this window, and the owner's unlock, each with its way out.
import { lockOwner, signOutCashier, useAccess } from './store';
import { ACCESS_WORDS } from './words';

export function AccessBar() {
  const state = useAccess((store) => store.state);
  if (!state || (!state.cashier && !(state.ownerPinSet && state.ownerUnlocked))) return null;
  return (
    <div className="access-bar" role="group" aria-label="Signed in">
      {state.cashier ? (
        <span className="access-bar__item">
          <span className="access-bar__who">{ACCESS_WORDS.signedInAs(state.cashier.name)}</span>
          <button type="button" className="button button--small" onClick={() => void signOutCashier()}>
            {ACCESS_WORDS.signOut}
          </button>
        </span>
      ) : null}
      {state.ownerPinSet && state.ownerUnlocked ? (
        <span className="access-bar__item">
          <span className="access-bar__who">{ACCESS_WORDS.ownerUnlocked}</span>
          <button type="button" className="button button--small" onClick={() => void lockOwner()}>
            {ACCESS_WORDS.lock}
          </button>
        </span>
      ) : null}
    </div>
  );
}
