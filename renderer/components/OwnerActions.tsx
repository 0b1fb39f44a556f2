// What the owner can do with a sale, each behind a dialog that asks why. The core writes the
// sale_events row with that reason; this only collects it and shows the core's answer.
import { useId, useState } from 'react';
import type { PosError } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { actionsFor, runOwnerAction, type ActionInput, type OwnerAction } from '../desk/actions';
import { showMoney } from '../format';
import { Dialog } from './Dialog';

const REASON_MIN_CHARS = 3;
const TX_HASH_MIN_CHARS = 8;

const ACTION_LABEL: Readonly<Record<OwnerAction, string>> = {
  accept: 'Accept as paid',
  reject: 'Keep as not paid',
  'mark-paid': 'Mark as paid',
  void: 'Void sale',
  refund: 'Record refund',
};

const ACTION_EXPLAINED: Readonly<Record<OwnerAction, string>> = {
  accept:
    'The sale counts as paid from now on, in the history, the day close and the export. It counts what the crypto received was worth at the invoice’s rate, unless you say another amount.',
  reject: 'The payment stays recorded, but the sale does not count as paid.',
  'mark-paid': 'Use this when the customer paid but no notice arrived. Give the transaction hash so the payment can be checked.',
  void: 'The sale is closed for good and never counts as paid.',
  refund: 'Record crypto you sent back to the customer from your wallet. The books show it against this sale: net = gross − refunds.',
};

/** Which boxes each action asks for, besides the reason. */
const ASKS: Readonly<Record<OwnerAction, { txHash?: string; amount?: string; fiatAmount?: string; reason: string }>> = {
  accept: { amount: 'Amount to count (optional)', reason: 'Reason' },
  reject: { reason: 'Reason' },
  'mark-paid': { txHash: 'Transaction hash', reason: 'Note' },
  void: { reason: 'Reason' },
  refund: { amount: 'Crypto sent back', txHash: 'Refund transaction hash', fiatAmount: 'Fiat value (optional)', reason: 'Reason' },
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

/** The same limits the contract sets, said before the request instead of as a parse error. */
function missingFields(action: OwnerAction, input: ActionInput): Record<string, string> {
  const fields: Record<string, string> = {};
  const reasonField = action === 'mark-paid' ? 'note' : 'reason';
  if (input.reason.trim().length < REASON_MIN_CHARS) fields[reasonField] = 'Say why, in a few words.';
  if (ASKS[action].txHash && input.txHash.trim().length < TX_HASH_MIN_CHARS) fields.txHash = 'Paste the transaction hash from the wallet or the block explorer.';
  if (action === 'refund' && input.amount.trim() === '') fields.amount = 'Enter the crypto amount you sent back.';
  return fields;
}

function ActionDialog({ action, sale, onClose }: { action: OwnerAction; sale: Sale; onClose: () => void }) {
  const [input, setInput] = useState<ActionInput>({ reason: '', txHash: '', amount: '', fiatAmount: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const asks = ASKS[action];

  async function confirm(): Promise<void> {
    if (busy) return;
    const fields = missingFields(action, input);
    if (Object.keys(fields).length > 0) {
      setError({ code: 'invalid-input', message: 'Fill in the marked fields.', fields });
      return;
    }
    setBusy(true);
    setError(null);
    const trimmed = { reason: input.reason.trim(), txHash: input.txHash.trim(), amount: input.amount.trim(), fiatAmount: input.fiatAmount.trim() };
    const refused = await runOwnerAction(action, sale, trimmed);
    setBusy(false);
    if (refused) {
      setError(refused);
      return;
    }
    onClose();
  }

  const box = (name: keyof ActionInput, errorName: string = name) => {
    const label = asks[name as 'txHash' | 'amount' | 'fiatAmount' | 'reason'];
    if (!label) return null;
    return (
      <ActionBox
        label={label}
        value={input[name]}
        multiline={name === 'reason'}
        autoFocus={name === (asks.amount ? 'amount' : asks.txHash ? 'txHash' : 'reason')}
        error={error?.fields?.[errorName]}
        onChange={(value) => setInput((typed) => ({ ...typed, [name]: value }))}
      />
    );
  };

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
        {box('amount')}
        {box('txHash')}
        {box('fiatAmount')}
        {box('reason', action === 'mark-paid' ? 'note' : 'reason')}
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

interface ActionBoxProps {
  label: string;
  value: string;
  multiline: boolean;
  autoFocus: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
}

function ActionBox({ label, value, multiline, autoFocus, error, onChange }: ActionBoxProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={3} maxLength={500} value={value} data-autofocus={autoFocus ? true : undefined} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input id={id} type="text" value={value} autoComplete="off" spellCheck={false} data-autofocus={autoFocus ? true : undefined} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? <span className="field__error">{error}</span> : null}
    </div>
  );
}
