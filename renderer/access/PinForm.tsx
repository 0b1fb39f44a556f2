// A PIN box with its button, for the owner's unlock and the cashier's sign-in: digits only, never
// shown, emptied after each try; the core's answer (a wrong PIN, a wait) is said under it.
import { useId, useState, type ReactNode } from 'react';
import { Keypad } from '../components/Keypad';
import type { KeypadKey } from '../../shared/entry';
import { ACCESS_WORDS } from './words';
import { useAccess } from './store';

const PIN_MAX_DIGITS = 8;

interface PinFormProps {
  submitLabel: string;
  onSubmit: (pin: string) => Promise<boolean>;
  /** Buttons beside the submit one (Cancel). */
  extra?: ReactNode;
  /** An on-screen keypad for a touch counter. */
  withKeypad?: boolean;
  autoFocus?: boolean;
}

function applyKey(pin: string, key: KeypadKey): string {
  if (key === 'Clear') return '';
  if (key === 'Backspace') return pin.slice(0, -1);
  return /^\d+$/.test(key) ? (pin + key).slice(0, PIN_MAX_DIGITS) : pin;
}

export function PinForm({ submitLabel, onSubmit, extra, withKeypad = false, autoFocus = true }: PinFormProps) {
  const [pin, setPin] = useState('');
  const busy = useAccess((state) => state.busy);
  const error = useAccess((state) => state.error);
  const id = useId();
  const errorId = `${id}-error`;

  async function submit(): Promise<void> {
    if (busy || pin === '') return;
    const typed = pin;
    setPin('');
    await onSubmit(typed);
  }

  return (
    <form
      className="pin-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{ACCESS_WORDS.pinLabel}</label>
        <input
          id={id}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PIN_MAX_DIGITS}
          value={pin}
          data-autofocus={autoFocus ? true : undefined}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS))}
        />
        {error ? (
          <span id={errorId} className="field__error" role="alert">
            {error.message}
          </span>
        ) : null}
      </div>
      {withKeypad ? <Keypad onKey={(key) => setPin((typed) => applyKey(typed, key))} disabled={busy} allowDecimal={false} /> : null}
      <div className="dialog__actions">
        <button type="submit" className="button button--small button--primary" disabled={busy || pin === ''}>
          {busy ? ACCESS_WORDS.checking : submitLabel}
        </button>
        {extra}
      </div>
    </form>
  );
}
