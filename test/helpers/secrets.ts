// An in-memory SecretStore for tests: the core's seam for secrets, with nothing written to disk.
import type { SecretName, SecretStore } from '../../electron/pos/settings/secrets';

export interface MemorySecretStore extends SecretStore {
  values: Map<SecretName, string>;
}

export function memorySecrets(initial: Partial<Record<SecretName, string>> = {}, options: Partial<Pick<SecretStore, 'kind' | 'warning'>> = {}): MemorySecretStore {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    kind: options.kind ?? 'encrypted',
    warning: options.warning ?? null,
    values,
    async get(name) {
      return values.get(name) ?? null;
    },
    async set(name, value) {
      if (value === null) values.delete(name);
      else values.set(name, value);
    },
  };
}
