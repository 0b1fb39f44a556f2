// The desktop app's secrets: encrypted with Electron's safeStorage (the OS keychain, DPAPI, or the
// Linux keyring) and kept base64-encoded in <userData>/secrets.json, mode 0600. safeStorage is a
// parameter so this runs in unit tests with a double; it must be used after the app is ready.
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { readPrivateJson, SECRETS_FILE, writePrivateJson } from '../pos/settings/secrets-file';
import type { SecretName, SecretStore } from '../pos/settings/secrets';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'> &
  Partial<Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>>;

export const BASIC_TEXT_WARNING =
  'No system keyring (such as GNOME Keyring or KWallet) was found, so the API key, the ngrok authtoken and the explorer keys are saved with a ' +
  'built-in key that anyone who can read your files can undo. Install and unlock a keyring, restart the app and enter them again.';
export const NO_ENCRYPTION_WARNING =
  'This computer offers the app no way to encrypt saved secrets, so the API key, the ngrok authtoken and the explorer keys are saved unencrypted ' +
  '(readable only by your user account).';

const EntrySchema = z.object({ format: z.enum(['safeStorage', 'plain']), data: z.string() });
const FileSchema = z.object({
  apiKey: EntrySchema.optional(),
  ngrokAuthtoken: EntrySchema.optional(),
  trongridApiKey: EntrySchema.optional(),
  etherscanApiKey: EntrySchema.optional(),
  shopLedgerUrl: EntrySchema.optional(),
  shopLedgerOwnerUrl: EntrySchema.optional(),
});
type SecretsFile = z.infer<typeof FileSchema>;
type Entry = z.infer<typeof EntrySchema>;

export interface ElectronSecretOptions {
  safeStorage: SafeStorageLike;
  userDataDir: string;
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
}

export async function createElectronSecretStore(options: ElectronSecretOptions): Promise<SecretStore> {
  const { safeStorage, log } = options;
  const platform = options.platform ?? process.platform;
  const file = join(options.userDataDir, SECRETS_FILE);
  const useAsync = typeof safeStorage.encryptStringAsync === 'function' && typeof safeStorage.decryptStringAsync === 'function';
  const available = useAsync && safeStorage.isAsyncEncryptionAvailable ? await safeStorage.isAsyncEncryptionAvailable() : safeStorage.isEncryptionAvailable();
  const basicText = platform === 'linux' && available && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const kind: SecretStore['kind'] = available && !basicText ? 'encrypted' : 'plain-text';
  const warning = !available ? NO_ENCRYPTION_WARNING : basicText ? BASIC_TEXT_WARNING : null;

  function readFile(): SecretsFile {
    const parsed = readPrivateJson(file, platform);
    if (parsed === null) return {};
    const checked = FileSchema.safeParse(parsed);
    if (!checked.success) throw new Error(`The secrets file ${file} has an unexpected shape; delete it and enter the secrets again.`);
    return checked.data;
  }

  async function encrypt(value: string): Promise<Entry> {
    if (!available) return { format: 'plain', data: Buffer.from(value, 'utf8').toString('base64') };
    const encrypted = useAsync ? await (safeStorage.encryptStringAsync as SafeStorage['encryptStringAsync'])(value) : safeStorage.encryptString(value);
    return { format: 'safeStorage', data: encrypted.toString('base64') };
  }

  async function decrypt(name: SecretName, entry: Entry): Promise<string | null> {
    if (entry.format === 'plain') return Buffer.from(entry.data, 'base64').toString('utf8');
    const buffer = Buffer.from(entry.data, 'base64');
    try {
      if (!useAsync) return safeStorage.decryptString(buffer);
      const { result, shouldReEncrypt } = await (safeStorage.decryptStringAsync as SafeStorage['decryptStringAsync'])(buffer);
      // The OS rotated its key or now offers a stronger one: save the secret again under it.
      if (shouldReEncrypt) await store.set(name, result).catch(() => log?.(`secrets: could not re-encrypt the ${label(name)}`));
      return result;
    } catch {
      // Another user account, a reset keyring: the value is gone for us; the owner enters it again.
      log?.(`secrets: the saved ${label(name)} could not be decrypted (the keyring changed?); enter it again in Settings`);
      return null;
    }
  }

  const store: SecretStore = {
    kind,
    warning,
    async get(name) {
      const entry = readFile()[name];
      return entry ? decrypt(name, entry) : null;
    },
    async set(name, value) {
      const content = readFile();
      if (value === null) delete content[name];
      else content[name] = await encrypt(value);
      writePrivateJson(file, content);
    },
  };
  return store;
}

const LABELS: Record<SecretName, string> = {
  apiKey: 'API key',
  ngrokAuthtoken: 'ngrok authtoken',
  trongridApiKey: 'TronGrid API key',
  etherscanApiKey: 'Etherscan API key',
  shopLedgerUrl: 'shop ledger URL',
  shopLedgerOwnerUrl: 'shop ledger owner URL',
};

function label(name: SecretName): string {
  return LABELS[name];
}
