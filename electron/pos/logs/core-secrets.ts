// Every secret the core knows, for the logger and the diagnostics to keep out of what they write: the
// owner's (API key, ngrok authtoken, explorer keys, as they are now) and the install's own (the
// sandbox gateway's key, the webhook token in the listener's path).
import { SECRET_NAMES } from '../settings/secrets';
import type { OwnerSettings } from '../settings/owner-settings';
import type { Ledger } from '../store/ledger';

export const INSTALL_SECRET_KEYS = ['sandbox_key', 'webhook_token'] as const;

/** `given`: secrets handed to this run directly (explorer keys from start flags). */
export function coreSecrets(settings: Pick<OwnerSettings, 'secret'>, ledger: Pick<Ledger, 'getMeta'>, given: readonly (string | undefined)[] = []): () => (string | null | undefined)[] {
  // Made once per install and never changed: read once.
  const fixed = [...INSTALL_SECRET_KEYS.map((key) => ledger.getMeta(key)), ...given];
  return () => [...SECRET_NAMES.map((name) => settings.secret(name)), ...fixed];
}
