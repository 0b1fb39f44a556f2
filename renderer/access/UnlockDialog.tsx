// Asked for when an owner-only action met a locked counter: the owner's PIN, then the action goes on.
import { Dialog } from '../components/Dialog';
import { PinForm } from './PinForm';
import { cancelUnlock, unlockOwner, useAccess } from './store';
import { ACCESS_WORDS } from './words';

export function UnlockDialog() {
  const prompting = useAccess((state) => state.prompting);
  if (!prompting) return null;
  return (
    <Dialog title={ACCESS_WORDS.unlockTitle} onClose={cancelUnlock} className="dialog--narrow">
      <p>{ACCESS_WORDS.unlockHint}</p>
      <PinForm
        submitLabel={ACCESS_WORDS.unlock}
        onSubmit={unlockOwner}
        extra={
          <button type="button" className="button button--small button--secondary" onClick={cancelUnlock}>
            {ACCESS_WORDS.cancel}
          </button>
        }
      />
    </Dialog>
  );
}
