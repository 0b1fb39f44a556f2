// The owner's settings in force: the stored ones with the start flags over them, and the secrets.
// An update is checked field by field, saved whole or not at all (secrets included), one at a time,
// and announced as 'settings-changed', which the core waits for before it answers.
import type { PosArgs, SettingsView } from '../../../shared/api';
import type { CounterSettings } from '../../../shared/counter';
import { fail, ok, type Result } from '../../../shared/result';
import type { CoreEvents } from '../core-events';
import { accessView, readAccess, writeAccess, type AccessConfig } from '../access/stored';
import type { Ledger } from '../store/ledger';
import { applyFlags, type SettingsFlags } from './flags';
import { shopLedgerView } from './shop-ledger-settings';
import { SECRET_NAMES, SecretsCache, type SecretName, type SecretStore } from './secrets';
import { readStoredSettings, writeStoredSettings, type StoredSettings } from './stored';
import { validateSettingsUpdate } from './validate';
import { readCounterSettings, validateCounterUpdate, writeCounterSettings } from './validate-counter';
import { checkAccessUpdate } from './validate-access';

/** The block-explorer settings and keys as saved (start flags for the chain are applied by chain/options.ts). */
export interface ChainSettings {
  tronApi: string | null;
  etherscanApi: string | null;
  chainConfirm: boolean;
  publicTronGrid: boolean;
  trongridApiKey: string | null;
  etherscanApiKey: string | null;
}

/** What an update changed that the caller acts on: a new owner PIN ends every other window's unlock. */
export interface Applied {
  ownerPinChanged: boolean;
}

export interface OwnerSettingsOptions {
  ledger: Ledger;
  secrets: SecretStore;
  flags: SettingsFlags;
  events: CoreEvents;
  log?: (line: string) => void;
}

export class OwnerSettings {
  private updating: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: OwnerSettingsOptions,
    private stored: StoredSettings,
    private effective: StoredSettings,
    private readonly secrets: SecretsCache,
    /** The counter's own settings (issue 12), stored apart. */
    private counterSettings: CounterSettings,
    private accessRules: AccessConfig,
  ) {}

  /** Reads the stored settings and the secrets; an invalid start flag stops the start. */
  static async load(options: OwnerSettingsOptions): Promise<OwnerSettings> {
    const stored = readStoredSettings(options.ledger, options.log);
    const effective = applyFlags(stored, options.flags);
    return new OwnerSettings(options, stored, effective, await SecretsCache.load(options.secrets), readCounterSettings(options.ledger, options.log), readAccess(options.ledger));
  }

  /** How the register behaves at the counter (issue 12). */
  get counter(): CounterSettings {
    return this.counterSettings;
  }

  /** The settings in force (stored, with this run's flags over them). */
  get current(): StoredSettings {
    return this.effective;
  }

  /** The owner's PIN and the cashiers, as hashes (issue 13). */
  access(): AccessConfig {
    return this.accessRules;
  }

  secret(name: SecretName): string | null {
    return this.secrets.get(name);
  }

  /** Where the secrets live and how safe that is, in words for the owner. */
  get secretStorage(): { kind: SecretStore['kind']; warning: string | null } {
    return this.secrets.storage;
  }

  chain(): ChainSettings {
    const { tronApi, etherscanApi, chainConfirm, publicTronGrid } = this.effective;
    return { tronApi, etherscanApi, chainConfirm, publicTronGrid, trongridApiKey: this.secret('trongridApiKey'), etherscanApiKey: this.secret('etherscanApiKey') };
  }

  receipt(): { shopName: string; receiptFooter: string } {
    return { shopName: this.effective.shopName, receiptFooter: this.effective.receiptFooter };
  }

  /** What the Settings screen shows: every setting, and of each secret only whether it is set and its last 4. */
  view(chainNote: string | null): SettingsView {
    const secretView = (name: SecretName) => {
      const value = this.secret(name);
      return { set: value !== null, last4: value ? value.slice(-4) : null };
    };
    const { currency, blockchain, language, shopName, receiptFooter, tunnelMode, ngrokDomain, publicUrl, tronApi, etherscanApi, chainConfirm, publicTronGrid } = this.effective;
    return {
      currency,
      blockchain,
      language,
      shopName,
      receiptFooter,
      apiKey: secretView('apiKey'),
      tunnelMode,
      ngrokAuthtoken: secretView('ngrokAuthtoken'),
      ngrokDomain,
      publicUrl,
      tronApi,
      etherscanApi,
      chainConfirm,
      publicTronGrid,
      chainNote,
      trongridApiKey: secretView('trongridApiKey'),
      etherscanApiKey: secretView('etherscanApiKey'),
      secretStorage: this.secretStorage,
      counter: this.counterSettings,
      access: accessView(this.accessRules),
      ...shopLedgerView(this.effective, this.secret('shopLedgerUrl'), this.options.ledger, this.secret('shopLedgerOwnerUrl')),
    };
  }

  /** One update at a time: two racing saves would otherwise interleave their secrets and restarts. */
  update(update: PosArgs<'updateSettings'>): Promise<Result<Applied>> {
    const next = this.updating.then(() => (this.closed ? fail<Applied>('not-ready', 'The app is shutting down.') : this.apply(update)));
    this.updating = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.closed = true;
  }

  private async apply(update: PosArgs<'updateSettings'>): Promise<Result<Applied>> {
    const checked = validateSettingsUpdate(update, this.effective);
    const counter = validateCounterUpdate(update.counter ?? {});
    const access = await checkAccessUpdate(update, this.accessRules);
    const fields = { ...(checked.ok ? {} : checked.fields), ...(counter.ok ? {} : counter.fields), ...(access.ok ? {} : access.fields) };
    for (const name of SECRET_NAMES) {
      const reason = update[name] !== undefined ? this.secrets.readOnlyReason(name) : null;
      if (reason) fields[name] = reason;
    }
    if (!checked.ok || !counter.ok || !access.ok || Object.keys(fields).length) {
      return fail('invalid-input', `Nothing was changed; please fix: ${Object.keys(fields).join(', ')}.`, fields);
    }
    // Compared, never logged or sent anywhere: it holds the explorer keys.
    const chainBefore = JSON.stringify(this.chain());
    try {
      await this.secrets.save(checked.secrets);
    } catch (error) {
      return fail('internal', `The secrets could not be saved, so nothing was changed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
    this.stored = { ...this.stored, ...checked.patch };
    writeStoredSettings(this.options.ledger, this.stored);
    this.effective = { ...this.effective, ...checked.patch };
    if (Object.keys(counter.patch).length > 0) {
      this.counterSettings = { ...this.counterSettings, ...counter.patch };
      writeCounterSettings(this.options.ledger, this.counterSettings);
    }
    if (access.next) {
      writeAccess(this.options.ledger, access.next);
      this.accessRules = access.next;
    }
    await this.options.events.settle('settings-changed', { chainChanged: JSON.stringify(this.chain()) !== chainBefore });
    return ok({ ownerPinChanged: access.ownerPinChanged });
  }
}
