// Every secret the core knows, for the logger and the diagnostics to keep out of what they write: the
// owner's (API key, ngrok authtoken, explorer keys, as they are now) and the install's own (the
// sandbox gateway's key, the webhook token in the listener's path).
import { SECRET_NAMES } from '../settings/secrets';
import type { OwnerSettings } from '../settings/owner-settings';
import type { Ledger } from '../store/ledger';

export const INSTALL_SECRET_KEYS = ['sandbox_key', 'webhook_token'] as const;

/** `given`: secrets handed to this run directly (explorer keys from start flags). */
export function coreSecrets(settings: Pick<OwnerSettings, 'secret'>, ledger: Pick<Ledger, 'getMeta'>, given: readonly (string | undefined)[] = []): () => (string | null | undefined)[] {
  // Made once per install (during the core's start) and never changed: kept once read.
  const install = new Map<string, string>();
  const installValues = (): string[] => {
    for (const key of INSTALL_SECRET_KEYS) {
      if (install.has(key)) continue;
      const value = ledger.getMeta(key);
      if (value) install.set(key, value);
    }
    return [...install.values()];
  };
  return () => [...SECRET_NAMES.map((name) => settings.secret(name)), ...installValues(), ...given];
}
