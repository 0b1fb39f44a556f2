// Labelled inputs for the settings form, each with room for the core's message about that field.
import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

export function SettingsField({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field field--settings">
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint ? (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

interface SecretFieldProps {
  label: string;
  removeLabel: string;
  state: string;
  value: string;
  error?: string | undefined;
  busy: boolean;
  onChange: (value: string) => void;
  onRemove: (() => void) | null;
}

/** A write-only secret: the box sets a new value; the page only ever knows "set, ends in …". */
export function SecretField({ label, removeLabel, state, value, error, busy, onChange, onRemove }: SecretFieldProps) {
  return (
    <SettingsField label={label} error={error} hint={`Currently ${state}. Leave empty to keep it.`}>
      {(id, describedBy) => (
        <span className="secret-field">
          <input
            id={id}
            type="password"
            value={value}
            autoComplete="new-password"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onChange(event.target.value)}
          />
          {onRemove ? (
            <button type="button" className="button button--small button--secondary" disabled={busy} onClick={onRemove}>
              {removeLabel}
            </button>
          ) : null}
        </span>
      )}
    </SettingsField>
  );
}
