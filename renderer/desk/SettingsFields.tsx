// Labelled inputs for the settings form, each with room for the core's message about that field.
import { useId, type ReactNode } from 'react';
import { Select, type Choice } from '../components/Field';
import { describeSecret, type SettingsForm } from './settings-form';
import { removeSecret, setSettingsField, useSettings, type SecretName } from './settings-store';

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

/** The core's message about one field after a refused save, if any. */
export function useFieldError(name: string): string | undefined {
  return useSettings((state) => state.saveError?.fields?.[name]);
}

type TextName = 'shopName' | 'ngrokDomain' | 'publicUrl' | 'tronApi' | 'etherscanApi';

interface TextSettingWords {
  label: string;
  type?: 'text' | 'url';
  placeholder?: string;
  maxLength?: number;
  hint?: string;
  /** Also mark the input itself invalid when the core refused it. */
  markInvalid?: boolean;
}

const TEXT_SETTINGS: Readonly<Record<TextName, TextSettingWords>> = {
  shopName: { label: 'Shop name', maxLength: 80 },
  ngrokDomain: {
    label: 'ngrok domain',
    placeholder: 'your-name.ngrok-free.app',
    hint: 'Recommended: claim the free static domain of your ngrok account. With a changing address, notices for invoices still open go to the old one and are lost.',
  },
  publicUrl: { label: 'Public URL', type: 'url', placeholder: 'https://pos.example.com', hint: "The public https address your reverse proxy forwards to this counter's webhook listener." },
  tronApi: {
    label: 'TronGrid URL',
    type: 'url',
    placeholder: 'https://api.trongrid.io',
    markInvalid: true,
    hint: 'For USDT on Tron (TRC20), e.g. https://api.trongrid.io. Empty with a key: the public TronGrid.',
  },
  etherscanApi: {
    label: 'Etherscan URL',
    type: 'url',
    placeholder: 'https://api.etherscan.io/v2/api',
    markInvalid: true,
    hint: 'For USDT on Ethereum and BNB Smart Chain (one Etherscan v2 key serves both), e.g. https://api.etherscan.io/v2/api. Empty with a key: the public Etherscan.',
  },
};

/** A one-line setting held in the settings store. */
export function TextSetting({ name }: { name: TextName }) {
  const { label, type = 'text', placeholder, maxLength, hint, markInvalid = false } = TEXT_SETTINGS[name];
  const value = useSettings((state) => state.form?.[name] ?? '');
  const error = useFieldError(name);
  return (
    <SettingsField label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type}
          placeholder={placeholder}
          maxLength={maxLength}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={markInvalid && error ? true : undefined}
          onChange={(event) => setSettingsField(name, event.target.value)}
        />
      )}
    </SettingsField>
  );
}

type ChoiceName = 'currency' | 'blockchain' | 'language';

/** A setting chosen from a list. */
export function ChoiceSetting<K extends ChoiceName>({ name, label, choices }: { name: K; label: string; choices: readonly Choice<SettingsForm[K]>[] }) {
  const value = useSettings((state) => state.form?.[name]);
  const error = useFieldError(name);
  if (value === undefined) return null;
  return (
    <SettingsField label={label} error={error}>
      {(id, describedBy) => <Select id={id} describedBy={describedBy} value={value} choices={choices} onChange={(next) => setSettingsField(name, next)} />}
    </SettingsField>
  );
}

/** A write-only secret held in the settings store, with its Remove button while one is stored. */
export function SecretSetting({ name, label, removeLabel }: { name: SecretName; label: string; removeLabel: string }) {
  const secret = useSettings((state) => state.view?.[name]);
  const value = useSettings((state) => state.form?.[name] ?? '');
  const busy = useSettings((state) => state.busy);
  const error = useFieldError(name);
  if (!secret) return null;
  return (
    <SecretField
      label={label}
      removeLabel={removeLabel}
      state={describeSecret(secret)}
      value={value}
      error={error}
      busy={busy}
      onChange={(next) => setSettingsField(name, next)}
      onRemove={secret.set ? () => void removeSecret(name) : null}
    />
  );
}
