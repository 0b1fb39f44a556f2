// The keypad screen: type an amount (touch or keyboard), add an optional note, charge.
import { isTypingTarget, keypadKeyFor } from '../keys';
import { Field } from '../components/Field';
import { Keypad } from '../components/Keypad';
import { safeExponent } from '../format';
import { useKeyDown } from '../hooks';
import { chargeableAmount } from '../charge-rules';
import { charge, NOTE_MAX_CHARS, pressKeypad, setNote, useCounter } from '../store';

export function Register({ currency }: { currency: string }) {
  const keypad = useCounter((state) => state.keypad);
  const note = useCounter((state) => state.note);
  const inFlight = useCounter((state) => state.inFlight);
  const blockedReason = useCounter((state) => state.status?.chargeBlockedReason ?? null);
  const hasDecimals = safeExponent(currency) > 0;
  const canCharge = !inFlight && !blockedReason && chargeableAmount(keypad, currency) !== null;

  useKeyDown((event) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter') {
      // Also from the note field: Enter there means "done, charge". A held Enter charges once.
      event.preventDefault();
      if (!event.repeat) charge();
      return;
    }
    if (isTypingTarget(event.target)) {
      // The note is the cashier's text, not amount keys; Escape hands the keyboard back to the keypad.
      if (event.key === 'Escape') (event.target as HTMLElement).blur();
      return;
    }
    const key = keypadKeyFor(event.key);
    if (!key) return;
    event.preventDefault();
    pressKeypad(key);
  });

  return (
    <div className="register">
      <div className="register__entry">
        <div className="amount-display" aria-label="Amount">
          <span className="amount-display__currency">{currency}</span>
          <span className="amount-display__value">{keypad || '0'}</span>
        </div>
        <p className="register__hint">
          {inFlight
            ? 'Creating invoice…'
            : hasDecimals
              ? 'Type the amount, then Charge (Enter).'
              : `Type the amount in whole ${currency}, then Charge (Enter).`}
        </p>
        <Field label="Note">
          {(id) => (
            <input id={id} type="text" value={note} maxLength={NOTE_MAX_CHARS} placeholder="Optional: what was sold" autoComplete="off" disabled={inFlight} onChange={(event) => setNote(event.target.value)} />
          )}
        </Field>
        {blockedReason ? (
          <p className="charge-blocked" role="alert">
            Charging is off: {blockedReason}
          </p>
        ) : null}
        <button type="button" className="button button--charge" disabled={!canCharge} onClick={charge}>
          Charge
        </button>
      </div>
      <Keypad onKey={pressKeypad} disabled={inFlight} allowDecimal={hasDecimals} />
    </div>
  );
}
