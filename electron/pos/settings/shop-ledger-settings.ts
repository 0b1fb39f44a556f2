// The shop ledger's settings (issue 15): its URL, a secret (write-only; browser mode: SHOP_LEDGER_URL),
// the owner desk's own URL for the whole shop (a second secret: SHOP_LEDGER_OWNER_URL), and this
// counter's name there, a stored setting (browser mode: --counter-name). Checked here with
// messages of their own that never echo the URL; the Settings screen shows where it points, never the
// password, and this counter's id (made once, kept in the ledger) for an owner who pins roles to ids.
import type { PosArgs, SettingsView } from '../../../shared/api';
import { checkShopLedgerUrl, describeShopLedger } from '../shop/shop-url';
import type { Ledger } from '../store/ledger';
import type { SecretsPatch } from './secrets';
import { MAX_COUNTER_NAME_CHARS, type StoredSettings } from './stored';

// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;

/** A counter name: one line of ordinary text, at most MAX_COUNTER_NAME_CHARS; empty lets the counter name itself. */
export function checkCounterName(value: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = value.trim();
  if (name.length > MAX_COUNTER_NAME_CHARS) return { ok: false, message: `At most ${MAX_COUNTER_NAME_CHARS} characters` };
  if (CONTROL_OR_NEWLINE.test(name)) return { ok: false, message: 'Use one line of ordinary text' };
  return { ok: true, name };
}

/** The shop-ledger fields of a settings update, into `patch` and `secrets` or `fields`. */
export function checkShopLedgerSettings(
  update: PosArgs<'updateSettings'>,
  patch: Partial<StoredSettings>,
  secrets: SecretsPatch,
  fields: Record<string, string>,
): void {
  if (update.counterName !== undefined) {
    const checked = checkCounterName(update.counterName);
    if (checked.ok) patch.counterName = checked.name;
    else fields.counterName = checked.message;
  }
  for (const name of ['shopLedgerUrl', 'shopLedgerOwnerUrl'] as const) {
    const url = secrets[name];
    if (typeof url !== 'string' || fields[name]) continue;
    const checked = checkShopLedgerUrl(url);
    if (!checked.ok) {
      fields[name] = checked.message;
      delete secrets[name];
    }
  }
}

type ShopLedgerView = Pick<SettingsView, 'shopLedgerUrl' | 'shopLedgerTarget' | 'shopLedgerOwnerUrl' | 'shopLedgerOwnerTarget' | 'counterName' | 'counterId'>;

/** What Settings shows: whether a URL is set (not even its last characters: they may be a password), where it points, the name and id. */
export function shopLedgerView(settings: StoredSettings, url: string | null, ledger: Ledger, ownerUrl: string | null = null): ShopLedgerView {
  return {
    shopLedgerUrl: { set: url !== null, last4: null },
    shopLedgerTarget: url ? describeShopLedger(url) : null,
    shopLedgerOwnerUrl: { set: ownerUrl !== null, last4: null },
    shopLedgerOwnerTarget: ownerUrl ? describeShopLedger(ownerUrl) : null,
    counterName: settings.counterName,
    counterId: ledger.replication.counterId(),
  };
}
