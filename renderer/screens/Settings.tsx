// The owner's settings (issue 3). Saved settings take effect at once: the core sends status-changed
// and the status bar and register follow. Secrets are write-only.
import { useEffect, useRef, useState } from 'react';
import type { SettingsView } from '../../shared/api';
import { KNOWN_CURRENCIES } from '../../shared/money';
import { BLOCKCHAINS, LANGUAGES, NETWORKS, type Blockchain, type Language } from '../../shared/mitilena';
import type { PosError } from '../../shared/result';
import { pos } from '../api';
import { changedSettings, describeSecret, formFromView, SECRET_FIELDS, type SettingsForm, type SettingsUpdate, type TunnelMode } from '../desk/settings-form';
import { SecretField, SettingsField } from '../desk/SettingsFields';
import { loadStatus, useCounter } from '../store';
import { ReachabilityLine } from '../components/StatusBar';

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

export function Settings() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<PosError | null>(null);
  const [saveError, setSaveError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const topError = useRef<HTMLParagraphElement>(null);
  const reachability = useCounter((state) => state.status?.reachability ?? null);

  useEffect(() => {
    let current = true;
    void pos.getSettings({}).then((result) => {
      if (!current) return;
      if (!result.ok) return setLoadError(result.error);
      setView(result.value);
      setForm(formFromView(result.value));
    });
    return () => {
      current = false;
    };
  }, []);

  async function send(update: SettingsUpdate, keepForm: boolean): Promise<void> {
    if (Object.keys(update).length === 0) return setSaved('Nothing changed.');
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    const result = await pos.updateSettings(update);
    setBusy(false);
    if (!result.ok) {
      setSaveError(result.error);
      // The sentence at the top says what to fix; the marked fields say where.
      requestAnimationFrame(() => topError.current?.focus());
      return;
    }
    setView(result.value);
    setForm((before) => (keepForm && before ? { ...before, ...Object.fromEntries(SECRET_FIELDS.map((name) => [name, ''])) } : formFromView(result.value)));
    setSaved('Saved. The counter uses the new settings now.');
    void loadStatus();
  }

  async function check(): Promise<void> {
    setChecking(true);
    await pos.checkReachability({});
    await loadStatus();
    setChecking(false);
  }

  if (loadError) return <p className="error-text" role="alert">The settings could not be read: {loadError.message}</p>;
  if (!view || !form) return <p>Reading the settings…</p>;

  const set = <K extends keyof SettingsForm>(name: K, value: SettingsForm[K]) => setForm({ ...form, [name]: value });
  const fieldError = (name: string) => saveError?.fields?.[name];

  return (
    <form
      className="desk settings"
      aria-labelledby="settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        void send(changedSettings(view, form), false);
      }}
    >
      <h2 id="settings-title" className="desk__title">Settings</h2>
      {saveError ? <p className="error-text" role="alert" tabIndex={-1} ref={topError}>{saveError.message}</p> : null}
      {view.secretStorage.warning ? <p className="banner banner--warning">{view.secretStorage.warning}</p> : null}
      <fieldset className="settings__group">
        <legend>Shop</legend>
        <SettingsField label="Shop name" error={fieldError('shopName')}>
          {(id, describedBy) => <input id={id} type="text" maxLength={80} value={form.shopName} aria-describedby={describedBy} onChange={(event) => set('shopName', event.target.value)} />}
        </SettingsField>
        <SettingsField label="Receipt footer" error={fieldError('receiptFooter')}>
          {(id, describedBy) => <textarea id={id} rows={2} maxLength={300} value={form.receiptFooter} aria-describedby={describedBy} onChange={(event) => set('receiptFooter', event.target.value)} />}
        </SettingsField>
        <SettingsField label="Currency" error={fieldError('currency')}>
          {(id, describedBy) => (
            <select id={id} value={form.currency} aria-describedby={describedBy} onChange={(event) => set('currency', event.target.value)}>
              {(KNOWN_CURRENCIES.includes(form.currency) ? KNOWN_CURRENCIES : [form.currency, ...KNOWN_CURRENCIES]).map((code) => (
                <option key={code} value={code}>{code}</option>
              ))}
            </select>
          )}
        </SettingsField>
        <SettingsField label="Network" error={fieldError('blockchain')}>
          {(id, describedBy) => (
            <select id={id} value={form.blockchain} aria-describedby={describedBy} onChange={(event) => set('blockchain', event.target.value as Blockchain)}>
              {BLOCKCHAINS.map((code) => (
                <option key={code} value={code}>{`${NETWORKS[code].token} on ${NETWORKS[code].network}`}</option>
              ))}
            </select>
          )}
        </SettingsField>
        <SettingsField label="Payment page language" error={fieldError('language')}>
          {(id, describedBy) => (
            <select id={id} value={form.language} aria-describedby={describedBy} onChange={(event) => set('language', event.target.value as Language)}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>{LANGUAGE_NAME[code] ? `${LANGUAGE_NAME[code]} (${code})` : code}</option>
              ))}
            </select>
          )}
        </SettingsField>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Mitilena Pay</legend>
        <SecretField
          label="API key"
          removeLabel="Remove key"
          state={describeSecret(view.apiKey)}
          value={form.apiKey}
          error={fieldError('apiKey')}
          busy={busy}
          onChange={(value) => set('apiKey', value)}
          onRemove={view.apiKey.set ? () => void send({ apiKey: null }, true) : null}
        />
        <p className="field__hint">Without a key the counter runs in the sandbox: no real money moves.</p>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Tunnel (how payment notices reach this counter)</legend>
        <div className="settings__radios" role="radiogroup" aria-label="Tunnel">
          {TUNNEL_CHOICES.map((choice) => (
            <label key={choice.mode} className="check">
              <input type="radio" name="tunnel-mode" value={choice.mode} checked={form.tunnelMode === choice.mode} onChange={() => set('tunnelMode', choice.mode)} />
              {choice.label}
            </label>
          ))}
        </div>
        {fieldError('tunnelMode') ? <span className="field__error">{fieldError('tunnelMode')}</span> : null}
        {form.tunnelMode === 'ngrok' ? (
          <>
            <SecretField
              label="ngrok authtoken"
              removeLabel="Remove authtoken"
              state={describeSecret(view.ngrokAuthtoken)}
              value={form.ngrokAuthtoken}
              error={fieldError('ngrokAuthtoken')}
              busy={busy}
              onChange={(value) => set('ngrokAuthtoken', value)}
              onRemove={view.ngrokAuthtoken.set ? () => void send({ ngrokAuthtoken: null }, true) : null}
            />
            <SettingsField
              label="ngrok domain"
              error={fieldError('ngrokDomain')}
              hint="Recommended: claim the free static domain of your ngrok account. With a changing address, notices for invoices still open go to the old one and are lost."
            >
              {(id, describedBy) => <input id={id} type="text" placeholder="your-name.ngrok-free.app" value={form.ngrokDomain} aria-describedby={describedBy} onChange={(event) => set('ngrokDomain', event.target.value)} />}
            </SettingsField>
          </>
        ) : null}
        {form.tunnelMode === 'manual' ? (
          <SettingsField label="Public URL" error={fieldError('publicUrl')} hint="The public https address your reverse proxy forwards to this counter's webhook listener.">
            {(id, describedBy) => <input id={id} type="url" placeholder="https://pos.example.com" value={form.publicUrl} aria-describedby={describedBy} onChange={(event) => set('publicUrl', event.target.value)} />}
          </SettingsField>
        ) : null}
        <div className="settings__check">
          <button type="button" className="button button--small button--secondary" disabled={checking} onClick={() => void check()}>
            Check webhook
          </button>
          {reachability ? <ReachabilityLine reachability={reachability} /> : null}
        </div>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Block explorers</legend>
        <p className="field__hint">
          Paid notices are checked on the blockchain, and payments whose notice never arrived are found there. Leave an address and its key empty and that
          explorer is never called (in the desktop app, TRC20 then uses TronGrid&apos;s public service unless switched off below).
        </p>
        <SettingsField label="TronGrid URL" error={fieldError('tronApi')} hint="For USDT on Tron (TRC20), e.g. https://api.trongrid.io. Empty with a key: the public TronGrid.">
          {(id, describedBy) => (
            <input id={id} type="url" placeholder="https://api.trongrid.io" value={form.tronApi} aria-describedby={describedBy} aria-invalid={fieldError('tronApi') ? true : undefined} onChange={(event) => set('tronApi', event.target.value)} />
          )}
        </SettingsField>
        <SecretField
          label="TronGrid API key"
          removeLabel="Remove TronGrid key"
          state={describeSecret(view.trongridApiKey)}
          value={form.trongridApiKey}
          error={fieldError('trongridApiKey')}
          busy={busy}
          onChange={(value) => set('trongridApiKey', value)}
          onRemove={view.trongridApiKey.set ? () => void send({ trongridApiKey: null }, true) : null}
        />
        <SettingsField
          label="Etherscan URL"
          error={fieldError('etherscanApi')}
          hint="For USDT on Ethereum and BNB Smart Chain (one Etherscan v2 key serves both), e.g. https://api.etherscan.io/v2/api. Empty with a key: the public Etherscan."
        >
          {(id, describedBy) => (
            <input id={id} type="url" placeholder="https://api.etherscan.io/v2/api" value={form.etherscanApi} aria-describedby={describedBy} aria-invalid={fieldError('etherscanApi') ? true : undefined} onChange={(event) => set('etherscanApi', event.target.value)} />
          )}
        </SettingsField>
        <SecretField
          label="Etherscan API key"
          removeLabel="Remove Etherscan key"
          state={describeSecret(view.etherscanApiKey)}
          value={form.etherscanApiKey}
          error={fieldError('etherscanApiKey')}
          busy={busy}
          onChange={(value) => set('etherscanApiKey', value)}
          onRemove={view.etherscanApiKey.set ? () => void send({ etherscanApiKey: null }, true) : null}
        />
        <label className="check">
          <input type="checkbox" checked={form.chainConfirm} onChange={(event) => set('chainConfirm', event.target.checked)} />
          Confirm paid notices on the blockchain
        </label>
        {fieldError('chainConfirm') ? <span className="field__error">{fieldError('chainConfirm')}</span> : null}
        <label className="check">
          <input type="checkbox" checked={form.publicTronGrid} onChange={(event) => set('publicTronGrid', event.target.checked)} />
          Desktop app: without an address above, watch TRC20 payments through TronGrid&apos;s free public service (no key needed)
        </label>
        {view.chainNote ? (
          <p className="field__hint field__hint--warning" role="note">
            {view.chainNote}
          </p>
        ) : null}
      </fieldset>
      <p className="field__hint">The API key, the authtoken and the explorer keys are kept {SECRET_STORAGE_TEXT[view.secretStorage.kind]}.</p>
      <div className="settings__save">
        <button type="submit" className="button button--primary" disabled={busy}>Save</button>
        {saved ? <span aria-live="polite">{saved}</span> : null}
      </div>
    </form>
  );
}
