// The owner's secrets (the API key, the ngrok authtoken, the explorer keys, the shop ledger URL): where they live is the
// host's choice (Electron: safeStorage; browser mode: the environment or a 0600 file), read once at
// start and kept here; changed all together or not at all. Never read by the renderer.

export const SECRET_NAMES = ['apiKey', 'ngrokAuthtoken', 'trongridApiKey', 'etherscanApiKey', 'shopLedgerUrl', 'shopLedgerOwnerUrl'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type SecretsPatch = Partial<Record<SecretName, string | null>>;

/** Where the secrets live; the host provides it. */
export interface SecretStore {
  kind: 'encrypted' | 'plain-text' | 'environment' | 'file';
  /** A sentence for the owner when the storage is weak (e.g. Linux without a keyring). */
  warning: string | null;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string | null): Promise<void>;
  /** Why `set` would refuse this secret (e.g. it comes from the environment); null when it can be changed. */
  readOnlyReason?(name: SecretName): string | null;
}

/** The secrets in force, read once from the store; `save` writes through and never leaves half a change. */
export class SecretsCache {
  private constructor(
    private readonly store: SecretStore,
    private readonly values: Record<SecretName, string | null>,
  ) {}

  static async load(store: SecretStore): Promise<SecretsCache> {
    const values = {} as Record<SecretName, string | null>;
    for (const name of SECRET_NAMES) values[name] = await store.get(name);
    return new SecretsCache(store, values);
  }

  get(name: SecretName): string | null {
    return this.values[name];
  }

  get storage(): { kind: SecretStore['kind']; warning: string | null } {
    return { kind: this.store.kind, warning: this.store.warning };
  }

  readOnlyReason(name: SecretName): string | null {
    return this.store.readOnlyReason?.(name) ?? null;
  }

  /** Writes every secret in `patch`; on a failure puts back what was already written, then throws. */
  async save(patch: SecretsPatch): Promise<void> {
    const before = { ...this.values };
    try {
      for (const name of SECRET_NAMES) {
        const value = patch[name];
        if (value === undefined) continue;
        await this.store.set(name, value);
        this.values[name] = value;
      }
    } catch (error) {
      for (const name of SECRET_NAMES) {
        if (this.values[name] !== before[name]) await this.store.set(name, before[name]).catch(() => undefined);
        this.values[name] = before[name];
      }
      throw error;
    }
  }
}
