// Browser mode's secrets: the environment (MITILENA_API_KEY, NGROK_AUTHTOKEN, TRONGRID_API_KEY,
// ETHERSCAN_API_KEY, SHOP_LEDGER_URL) wins; otherwise a JSON file in the data folder that only this user may read, written atomically with mode 0600.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretName, SecretStore } from './secrets';

export const SECRETS_FILE = 'secrets.json';
export const SECRET_ENV: Record<SecretName, string> = {
  apiKey: 'MITILENA_API_KEY',
  ngrokAuthtoken: 'NGROK_AUTHTOKEN',
  trongridApiKey: 'TRONGRID_API_KEY',
  etherscanApiKey: 'ETHERSCAN_API_KEY',
  shopLedgerUrl: 'SHOP_LEDGER_URL',
  shopLedgerOwnerUrl: 'SHOP_LEDGER_OWNER_URL',
};

const SecretsFileSchema = z.object({
  apiKey: z.string().optional(),
  ngrokAuthtoken: z.string().optional(),
  trongridApiKey: z.string().optional(),
  etherscanApiKey: z.string().optional(),
  shopLedgerUrl: z.string().optional(),
  shopLedgerOwnerUrl: z.string().optional(),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

export interface FileSecretStoreOptions {
  dataDir: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export class SecretStoreError extends Error {}

/** Reads and writes `<dataDir>/secrets.json`; refuses a file that others can read. */
export function createFileSecretStore(options: FileSecretStoreOptions): SecretStore {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const file = join(options.dataDir, SECRETS_FILE);
  const fromEnv = (name: SecretName): string | null => env[SECRET_ENV[name]]?.trim() || null;

  function readFile(): SecretsFile {
    const parsed = readPrivateJson(file, platform);
    if (parsed === null) return {};
    const checked = SecretsFileSchema.safeParse(parsed);
    if (!checked.success) throw new SecretStoreError(`The secrets file ${file} has an unexpected shape; fix it or delete it and enter the secrets again.`);
    return checked.data;
  }

  const readOnlyReason = (name: SecretName): string | null =>
    fromEnv(name) === null ? null : `This value comes from the ${SECRET_ENV[name]} environment variable; change it there and restart.`;

  return {
    kind: fromEnv('apiKey') !== null ? 'environment' : 'file',
    warning: null,
    readOnlyReason,
    async get(name) {
      return fromEnv(name) ?? readFile()[name] ?? null;
    },
    async set(name, value) {
      const reason = readOnlyReason(name);
      if (reason !== null) throw new SecretStoreError(reason);
      const content = readFile();
      if (value === null) delete content[name];
      else content[name] = value;
      writePrivateJson(file, content);
    },
  };
}

/** Reads a JSON file only this user may read; null when it does not exist. Throws a clear error otherwise. */
export function readPrivateJson(file: string, platform: NodeJS.Platform = process.platform): unknown {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretStoreError(`The secrets file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  // POSIX permissions mean nothing on Windows; the user profile's ACL protects the file there.
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new SecretStoreError(
      `The secrets file ${file} can be read by other users of this computer (mode ${(mode & 0o777).toString(8)}), so it is not used. ` +
        `Run: chmod 600 "${file}"`,
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new SecretStoreError(`The secrets file ${file} is not valid JSON; fix it or delete it and enter the secrets again.`);
  }
}

/** Writes JSON atomically: created 0600 from the first byte (never readable by others, not even briefly), synced, renamed over. */
export function writePrivateJson(file: string, content: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(content));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
