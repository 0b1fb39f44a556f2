// Settings → Shop ledger (issue 15): the write-only PostgreSQL URL this counter replicates its sales
// to, where it points (never the password), this counter's name there, its id, and how it is doing;
// the owner desk's own URL for reading the whole shop (a second write-only secret).
import { SecretSetting, SettingsField, useFieldError } from '../../desk/SettingsFields';
import { setSettingsField, useSettings } from '../../desk/settings-store';
import { useCounter } from '../../store';

export function ShopLedgerSettings() {
  const view = useSettings((state) => state.view);
  const counterName = useSettings((state) => state.form?.counterName ?? '');
  const nameError = useFieldError('counterName');
  const shopLedger = useCounter((state) => state.status?.shopLedger ?? null);
  if (!view) return null;
  return (
    <fieldset className="settings__group">
      <legend>Shop ledger (every till&apos;s sales in one PostgreSQL database)</legend>
      <p className="field__hint">
        Optional. This counter keeps selling and recording payments when the shop ledger cannot be reached; what waits is sent once it can. The owner
        makes the database and one role per counter with <code>npm run shop-ledger:init</code> (see docs/shop-ledger.md).
      </p>
      <SecretSetting name="shopLedgerUrl" label="Shop ledger URL (postgres://…)" removeLabel="Stop replicating" />
      {view.shopLedgerTarget ? <p className="field__hint">Sends to {view.shopLedgerTarget}.</p> : null}
      <SettingsField label="Counter name" error={nameError} hint={`How the owner's desk names this till. Its id: ${view.counterId}`}>
        {(id, describedBy) => (
          <input id={id} type="text" maxLength={60} placeholder="Till 1" value={counterName} aria-describedby={describedBy} onChange={(event) => setSettingsField('counterName', event.target.value)} />
        )}
      </SettingsField>
      <SecretSetting name="shopLedgerOwnerUrl" label="Owner desk URL for the whole shop (a shop_owner role, optional)" removeLabel="Stop reading the whole shop" />
      <p className="field__hint">
        {view.shopLedgerOwnerTarget ? `Reads the whole shop from ${view.shopLedgerOwnerTarget}. ` : ''}
        With it, History and Day close offer “Whole shop”, behind the owner’s PIN. Use the owner URL that shop-ledger:init printed, never a counter’s: a counter’s role sees only its own sales.
      </p>
      {shopLedger?.message ? <p className={`field__hint shop-ledger shop-ledger--${shopLedger.state}`}>{shopLedger.message}</p> : null}
    </fieldset>
  );
}
