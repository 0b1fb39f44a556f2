// What the owner can do with a sale, each behind a dialog that asks why. The core writes the
// sale_events row with that reason; this only collects it and shows the core's answer.
import { useId, useState } from 'react';
import type { PosError } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { actionsFor, runOwnerAction, type OwnerAction } from '../desk/actions';
import { showMoney } from '../format';
import { Dialog } from './Dialog';

const REASON_MIN_CHARS = 3;
const TX_HASH_MIN_CHARS = 8;

const ACTION_LABEL: Readonly<Record<OwnerAction, string>> = {
  accept: 'Accept as paid',
  reject: 'Keep as not paid',
  'mark-paid': 'Mark as paid',
  void: 'Void sale',
};

const ACTION_EXPLAINED: Readonly<Record<OwnerAction, string>> = {
  accept: 'The sale counts as paid from now on, in the history, the day close and the export.',
  reject: 'The payment stays recorded, but the sale does not count as paid.',
  'mark-paid': 'Use this when the customer paid but no notice arrived. Give the transaction hash so the payment can be checked.',
  void: 'The sale is closed for good and never counts as paid (for example after a refund).',
};

export function OwnerActions({ sale }: { sale: Sale }) {
  const [open, setOpen] = useState<OwnerAction | null>(null);
  const actions = actionsFor(sale);
  if (actions.length === 0) return null;
  return (
    <div className="owner-actions" role="group" aria-label="Owner actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`button button--small ${action === 'void' || action === 'reject' ? 'button--secondary' : 'button--primary'}`}
          onClick={() => setOpen(action)}
        >
          {ACTION_LABEL[action]}
        </button>
      ))}
      {open ? <ActionDialog action={open} sale={sale} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function ActionDialog({ action, sale, onClose }: { action: OwnerAction; sale: Sale; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [txHash, setTxHash] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const reasonId = useId();
  const hashId = useId();
  const marking = action === 'mark-paid';

  async function confirm(): Promise<void> {
    if (busy) return;
    // The same limits the contract sets, said before the request instead of as a parse error.
    const fields: Record<string, string> = {};
    if (reason.trim().length < REASON_MIN_CHARS) fields[marking ? 'note' : 'reason'] = 'Say why, in a few words.';
    if (marking && txHash.trim().length < TX_HASH_MIN_CHARS) fields.txHash = 'Paste the transaction hash from the wallet or the block explorer.';
    if (Object.keys(fields).length > 0) {
      setError({ code: 'invalid-input', message: 'Fill in the marked fields.', fields });
      return;
    }
    setBusy(true);
    setError(null);
    const refused = await runOwnerAction(action, sale, reason.trim(), txHash.trim());
    setBusy(false);
    if (refused) {
      setError(refused);
      return;
    }
    onClose();
  }

  const fieldError = (name: string) =>
    error?.fields?.[name] ? <span className="field__error">{error.fields[name]}</span> : null;

  return (
    <Dialog title={`${ACTION_LABEL[action]}: ${showMoney(sale.amountMinor, sale.currency)}`} onClose={onClose} className="dialog--narrow">
      <form
        className="action-form"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <p>{ACTION_EXPLAINED[action]}</p>
        {marking ? (
          <div className="field">
            <label htmlFor={hashId}>Transaction hash</label>
            <input id={hashId} type="text" value={txHash} autoComplete="off" spellCheck={false} data-autofocus onChange={(event) => setTxHash(event.target.value)} />
            {fieldError('txHash')}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={reasonId}>{marking ? 'Note' : 'Reason'}</label>
          <textarea
            id={reasonId}
            rows={3}
            maxLength={500}
            value={reason}
            data-autofocus={marking ? undefined : true}
            onChange={(event) => setReason(event.target.value)}
          />
          {fieldError(marking ? 'note' : 'reason')}
        </div>
        {error ? (
          <p className="error-text" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--small button--primary" disabled={busy}>
            Confirm
          </button>
          <button type="button" className="button button--small button--secondary" onClick={onClose}>
            Back
          </button>
        </div>
      </form>
    </Dialog>
  );
}
