// The Settings screen's "Owner PIN and cashiers" fieldset (issue 13): its own buttons and its own
// saves, so nothing here waits for the rest of the form. PINs are typed, sent once, never shown back.
import { useState, type KeyboardEvent } from 'react';
import { PIN_PATTERN } from '../../../shared/access';
import type { PosError } from '../../../shared/result';
import { cashierRows, saveCashiers, saveOwnerPin, type CashierRow } from '../../access/access-settings';
import { ACCESS_WORDS } from '../../access/words';
import { useSettings } from '../../desk/settings-store';
import { CashierList } from './CashierList';
import { PinBox } from './PinBox';

/** Enter in a box here saves this part, never the whole Settings form around it. */
function keepEnterHere(event: KeyboardEvent<HTMLFieldSetElement>): void {
  if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault();
}

export function AccessSettings() {
  const view = useSettings((state) => state.view);
  if (!view) return null;
  return (
    <fieldset className="settings__group access-settings" onKeyDown={keepEnterHere}>
      <legend>Owner PIN and cashiers</legend>
      <OwnerPinPart pinSet={view.access.ownerPinSet} />
      <CashiersPart initial={cashierRows(view)} />
    </fieldset>
  );
}

function Outcome({ error, saved }: { error: PosError | null; saved: string | null }) {
  if (error) return <p className="error-text" role="alert">{Object.values(error.fields ?? {})[0] ?? error.message}</p>;
  return saved ? <p aria-live="polite">{saved}</p> : null;
}

function OwnerPinPart({ pinSet }: { pinSet: boolean }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(next: string | null, done: string): Promise<void> {
    if (next !== null && (!PIN_PATTERN.test(next) || next !== again)) {
      setError({ code: 'invalid-input', message: !PIN_PATTERN.test(next) ? ACCESS_WORDS.pinRule : 'The two PINs differ; type the same PIN twice.' });
      return;
    }
    setBusy(true);
    setSaved(null);
    const refused = await (next === null ? saveOwnerPin(null) : saveOwnerPin(next));
    setBusy(false);
    setError(refused);
    if (!refused) {
      setPin('');
      setAgain('');
      setSaved(done);
    }
  }

  return (
    <div className="access-settings__part">
      <p className="field__hint">
        {pinSet
          ? 'The owner’s PIN is set: settings, voiding, marking paid, reviews, refunds, the CSV export and closing the day ask for it.'
          : 'No owner PIN: whoever stands at the counter can change settings, void, refund, export and close the day.'}
      </p>
      <PinBox label={pinSet ? 'New owner PIN' : 'Owner PIN'} value={pin} onChange={setPin} />
      <PinBox label="Repeat the PIN" value={again} onChange={setAgain} />
      <div className="settings__check">
        <button type="button" className="button button--small button--primary" disabled={busy || pin === ''} onClick={() => void run(pin, 'The owner’s PIN is saved.')}>
          {pinSet ? 'Change owner PIN' : 'Set owner PIN'}
        </button>
        {pinSet ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void run(null, 'The owner’s PIN is removed.')}>
            Remove owner PIN
          </button>
        ) : null}
      </div>
      <Outcome error={error} saved={saved} />
    </div>
  );
}

function CashiersPart({ initial }: { initial: CashierRow[] }) {
  const [rows, setRows] = useState<CashierRow[]>(initial);
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    const bad = rows.findIndex((row) => (row.pin !== '' || row.id === null) && !PIN_PATTERN.test(row.pin));
    if (bad >= 0) {
      setError({ code: 'invalid-input', message: `Cashier ${bad + 1}: ${ACCESS_WORDS.pinRule}` });
      return;
    }
    setBusy(true);
    setSaved(null);
    const refused = await saveCashiers(rows);
    setBusy(false);
    setError(refused);
    const view = useSettings.getState().view;
    if (!refused && view) setRows(cashierRows(view));
    if (!refused) setSaved(rows.length === 0 ? 'No cashiers: the register sells without a sign-in.' : 'Cashiers saved. The register asks for a cashier PIN.');
  }

  return (
    <div className="access-settings__part">
      <p className="field__hint">With cashiers, the register asks for a cashier PIN and every sale records who took it. Each cashier needs a PIN of their own.</p>
      <CashierList rows={rows} onChange={setRows} />
      <div className="settings__check">
        <button type="button" className="button button--small button--secondary" onClick={() => setRows([...rows, { id: null, name: '', pin: '' }])}>
          Add cashier
        </button>
        <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void save()}>
          Save cashiers
        </button>
      </div>
      <Outcome error={error} saved={saved} />
    </div>
  );
}
