// The settings as the diagnostics carry them: every setting, and of each secret only whether it is
// set. Not even the last 4 characters the Settings screen shows: they are a piece of the secret, the
// zip leaves the shop (an e-mail, a ticket), and "set or not" is all support ever needs to know.
import type { SettingsView } from '../../../shared/api';
import { SECRET_NAMES, type SecretName } from '../settings/secrets';
import { DEFAULT_SETTINGS, type StoredSettings } from '../settings/stored';

export type SecretsReport = Record<SecretName, { set: boolean } | 'unknown'>;

/** From the running app's Settings view. */
export function settingsReport(view: SettingsView): Record<string, unknown> {
  const report: Record<string, unknown> = { ...view };
  for (const name of SECRET_NAMES) report[name] = { set: view[name].set };
  return report;
}

/**
 * From the ledger's stored settings (the command line, with the app closed or running): only the
 * known non-secret fields are copied, and each secret as set, not set, or unknown (the desktop app's
 * secrets are encrypted with the OS keychain, which a command line cannot open).
 */
export function storedSettingsReport(storedJson: string | undefined, secrets: SecretsReport): Record<string, unknown> {
  let stored: Partial<StoredSettings> = {};
  try {
    stored = storedJson ? (JSON.parse(storedJson) as Partial<StoredSettings>) : {};
  } catch {
    stored = {};
  }
  // What was never saved is the default, as the app itself reads it.
  const known = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((key) => [key, stored[key as keyof StoredSettings] ?? DEFAULT_SETTINGS[key as keyof StoredSettings]]));
  return { ...known, storedSettingsReadable: storedJson === undefined || Object.keys(stored).length > 0, ...secrets };
}
