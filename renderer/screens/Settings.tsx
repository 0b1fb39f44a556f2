// The owner's settings (issue 3). Saved settings take effect at once: the core sends status-changed
// and the status bar and register follow. Secrets are write-only.
import { useEffect, useRef } from 'react';
import type { SettingsView } from '../../shared/api';
import { KNOWN_CURRENCIES } from '../../shared/money';
import { BLOCKCHAINS, LANGUAGES, NETWORKS, type Language } from '../../shared/mitilena';
import { ReachabilityLine } from '../components/StatusBar';
import type { SettingsForm, TunnelMode } from '../desk/settings-form';
import { ChoiceSetting, SecretSetting, SettingsField, TextSetting, useFieldError } from '../desk/SettingsFields';
import { checkWebhook, closeSettings, openSettings, saveSettings, setSettingsField, useSettings } from '../desk/settings-store';
import { useCounter } from '../store';
import { CounterSettings } from './settings/CounterSettings';
import { AccessSettings } from './settings/AccessSettings';
import { SupportSettings } from './settings/SupportSettings';
import { ShopLedgerSettings } from './settings/ShopLedgerSettings';

const LANGUAGE_NAME: Partial<Record<Language, string>> = {
  en: 'English', cz: 'Czech', ru: 'Russian', tr: 'Turkish', hr: 'Croatian', ar: 'Arabic', swa: 'Swahili',
};
const SECRET_STORAGE_TEXT: Record<SettingsView['secretStorage']['kind'], string> = {
  encrypted: 'encrypted on this computer',
  'plain-text': 'in plain text on this computer',
  environment: 'in the environment the counter was started with',
  file: 'in a file only your user account can read',
};
const TUNNEL_CHOICES: readonly { mode: TunnelMode; label: string }[] = [
  { mode: 'ngrok', label: 'ngrok tunnel' },
  { mode: 'manual', label: 'My own public URL' },
  { mode: 'off', label: 'Off' },
];
const NETWORK_CHOICES = BLOCKCHAINS.map((code) => ({ value: code, text: `${NETWORKS[code].token} on ${NETWORKS[code].network}` }));
const LANGUAGE_CHOICES = LANGUAGES.map((code) => ({ value: code, text: LANGUAGE_NAME[code] ? `${LANGUAGE_NAME[code]} (${code})` : code }));

export function Settings() {
  const { view, form, loadError, saveError, saved, busy } = useSettings();
  const topError = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    void openSettings();
    return closeSettings;
  }, []);
  // The sentence at the top says what to fix; the marked fields say where.
  useEffect(() => {
    if (saveError) requestAnimationFrame(() => topError.current?.focus());
  }, [saveError]);

  if (loadError) return <p className="error-text" role="alert">The settings could not be read: {loadError.message}</p>;
  if (!view || !form) return <p>Reading the settings…</p>;

  return (
    <form
      className="desk settings"
      aria-labelledby="settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        void saveSettings();
      }}
    >
      <h2 id="settings-title" className="desk__title">Settings</h2>
      {saveError ? <p className="error-text" role="alert" tabIndex={-1} ref={topError}>{saveError.message}</p> : null}
      {view.secretStorage.warning ? <p className="banner banner--warning">{view.secretStorage.warning}</p> : null}
      <ShopSettings form={form} />
      <CounterSettings form={form.counter} />
      <fieldset className="settings__group">
        <legend>Mitilena Pay</legend>
        <SecretSetting name="apiKey" label="API key" removeLabel="Remove key" />
        <p className="field__hint">Without a key the counter runs in the sandbox: no real money moves.</p>
      </fieldset>
      <TunnelSettings mode={form.tunnelMode} />
      <ExplorerSettings form={form} chainNote={view.chainNote} />
      <AccessSettings />
      <SupportSettings />
      <ShopLedgerSettings />
      <p className="field__hint">The API key, the authtoken and the explorer keys are kept {SECRET_STORAGE_TEXT[view.secretStorage.kind]}.</p>
      <div className="settings__save">
        <button type="submit" className="button button--primary" disabled={busy}>Save</button>
        {saved ? <span aria-live="polite">{saved}</span> : null}
      </div>
    </form>
  );
}

function ShopSettings({ form }: { form: SettingsForm }) {
  const footerError = useFieldError('receiptFooter');
  // A currency saved before it was in the list still shows as chosen.
  const currencies = KNOWN_CURRENCIES.includes(form.currency) ? KNOWN_CURRENCIES : [form.currency, ...KNOWN_CURRENCIES];
  return (
    <fieldset className="settings__group">
      <legend>Shop</legend>
      <TextSetting name="shopName" />
      <SettingsField label="Receipt footer" error={footerError}>
        {(id, describedBy) => <textarea id={id} rows={2} maxLength={300} value={form.receiptFooter} aria-describedby={describedBy} onChange={(event) => setSettingsField('receiptFooter', event.target.value)} />}
      </SettingsField>
      <ChoiceSetting name="currency" label="Currency" choices={currencies.map((code) => ({ value: code, text: code }))} />
      <ChoiceSetting name="blockchain" label="Network" choices={NETWORK_CHOICES} />
      <ChoiceSetting name="language" label="Payment page language" choices={LANGUAGE_CHOICES} />
    </fieldset>
  );
}

function TunnelSettings({ mode }: { mode: TunnelMode }) {
  const modeError = useFieldError('tunnelMode');
  const checking = useSettings((state) => state.checking);
  const reachability = useCounter((state) => state.status?.reachability ?? null);
  return (
    <fieldset className="settings__group">
      <legend>Tunnel (how payment notices reach this counter)</legend>
      <div className="settings__radios" role="radiogroup" aria-label="Tunnel">
        {TUNNEL_CHOICES.map((choice) => (
          <label key={choice.mode} className="check">
            <input type="radio" name="tunnel-mode" value={choice.mode} checked={mode === choice.mode} onChange={() => setSettingsField('tunnelMode', choice.mode)} />
            {choice.label}
          </label>
        ))}
      </div>
      {modeError ? <span className="field__error">{modeError}</span> : null}
      {mode === 'ngrok' ? (
        <>
          <SecretSetting name="ngrokAuthtoken" label="ngrok authtoken" removeLabel="Remove authtoken" />
          <TextSetting name="ngrokDomain" />
        </>
      ) : null}
      {mode === 'manual' ? (
        <TextSetting name="publicUrl" />
      ) : null}
      <div className="settings__check">
        <button type="button" className="button button--small button--secondary" disabled={checking} onClick={() => void checkWebhook()}>
          Check webhook
        </button>
        {reachability ? <ReachabilityLine reachability={reachability} /> : null}
      </div>
    </fieldset>
  );
}

function ExplorerSettings({ form, chainNote }: { form: SettingsForm; chainNote: string | null }) {
  const confirmError = useFieldError('chainConfirm');
  return (
    <fieldset className="settings__group">
      <legend>Block explorers</legend>
      <p className="field__hint">
        Paid notices are checked on the blockchain, and payments whose notice never arrived are found there. Leave an address and its key empty and that
        explorer is never called (in the desktop app, TRC20 then uses TronGrid&apos;s public service unless switched off below).
      </p>
      <TextSetting name="tronApi" />
      <SecretSetting name="trongridApiKey" label="TronGrid API key" removeLabel="Remove TronGrid key" />
      <TextSetting name="etherscanApi" />
      <SecretSetting name="etherscanApiKey" label="Etherscan API key" removeLabel="Remove Etherscan key" />
      <label className="check">
        <input type="checkbox" checked={form.chainConfirm} onChange={(event) => setSettingsField('chainConfirm', event.target.checked)} />
        Confirm paid notices on the blockchain
      </label>
      {confirmError ? <span className="field__error">{confirmError}</span> : null}
      <label className="check">
        <input type="checkbox" checked={form.publicTronGrid} onChange={(event) => setSettingsField('publicTronGrid', event.target.checked)} />
        Desktop app: without an address above, watch TRC20 payments through TronGrid&apos;s free public service (no key needed)
      </label>
      {chainNote ? (
        <p className="field__hint field__hint--warning" role="note">
          {chainNote}
        </p>
      ) : null}
    </fieldset>
  );
}
