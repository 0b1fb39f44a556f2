// Secrets at rest: browser mode's 0600 file and environment, and the desktop's safeStorage store
// (through a double that behaves like Electron's: the binary cannot run here).
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../electron/pos/settings/secrets-file';
import { BASIC_TEXT_WARNING, createElectronSecretStore, NO_ENCRYPTION_WARNING, type SafeStorageLike } from '../../electron/shell/secrets-electron';
import { tempDir } from '../helpers/temp';

const KEY = 'live-KEY-0a1b2c3d4e5f-secret-9z8y';
const TOKEN = '2abcNGROKtoken_0123456789abcdefXYZ';
let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const TRON_KEY = 'tron-KEY-5c1e7a2b-4d3f-4e1a-9b8c-77aa';
const ETHERSCAN_KEY = 'ETHERSCANkey0123456789ABCDEFGH-e7f6';

describe('browser mode secrets file', () => {
  it('keeps the explorer keys too, and lets TRONGRID_API_KEY / ETHERSCAN_API_KEY win', async () => {
    const file = createFileSecretStore({ dataDir: dir.path, env: {} });
    await file.set('trongridApiKey', 'tron-from-the-file-0000');
    await file.set('etherscanApiKey', ETHERSCAN_KEY);
    expect(JSON.parse(readFileSync(join(dir.path, 'secrets.json'), 'utf8'))).toEqual({ trongridApiKey: 'tron-from-the-file-0000', etherscanApiKey: ETHERSCAN_KEY });
    const store = createFileSecretStore({ dataDir: dir.path, env: { TRONGRID_API_KEY: TRON_KEY } });
    expect(await store.get('trongridApiKey')).toBe(TRON_KEY);
    expect(await store.get('etherscanApiKey')).toBe(ETHERSCAN_KEY);
    expect(store.readOnlyReason?.('trongridApiKey')).toMatch(/TRONGRID_API_KEY environment variable/);
    expect(store.readOnlyReason?.('etherscanApiKey')).toBeNull();
    await expect(store.set('trongridApiKey', 'another-key-1234')).rejects.toThrow(/environment variable/);
    await store.set('etherscanApiKey', null);
    expect(await store.get('etherscanApiKey')).toBeNull();
  });


  it('writes the file with mode 0600, atomically, and reads it back', async () => {
    const store = createFileSecretStore({ dataDir: dir.path, env: {} });
    expect(store.kind).toBe('file');
    expect(await store.get('apiKey')).toBeNull();
    await store.set('apiKey', KEY);
    await store.set('ngrokAuthtoken', TOKEN);
    const file = join(dir.path, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
    const again = createFileSecretStore({ dataDir: dir.path, env: {} });
    expect(await again.get('apiKey')).toBe(KEY);
    expect(await again.get('ngrokAuthtoken')).toBe(TOKEN);
    await again.set('apiKey', null);
    expect(await again.get('apiKey')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ngrokAuthtoken: TOKEN });
  });

  it('refuses to read a file that other users can read, and says how to fix it', async () => {
    const file = join(dir.path, 'secrets.json');
    writeFileSync(file, JSON.stringify({ apiKey: KEY }));
    chmodSync(file, 0o644);
    const store = createFileSecretStore({ dataDir: dir.path, env: {} });
    await expect(store.get('apiKey')).rejects.toThrow(/can be read by other users.*chmod 600/);
    await expect(store.get('apiKey')).rejects.not.toThrow(KEY);
    chmodSync(file, 0o600);
    expect(await store.get('apiKey')).toBe(KEY);
  });

  it('refuses a damaged file with a clear sentence', async () => {
    writeFileSync(join(dir.path, 'secrets.json'), '{"apiKey": ', { mode: 0o600 });
    await expect(createFileSecretStore({ dataDir: dir.path, env: {} }).get('apiKey')).rejects.toThrow(/not valid JSON/);
  });

  it('lets the environment win over the file, and refuses to overwrite an environment value', async () => {
    const file = createFileSecretStore({ dataDir: dir.path, env: {} });
    await file.set('apiKey', 'from-the-file-0000');
    const store = createFileSecretStore({ dataDir: dir.path, env: { MITILENA_API_KEY: KEY, NGROK_AUTHTOKEN: '' } });
    expect(store.kind).toBe('environment');
    expect(await store.get('apiKey')).toBe(KEY);
    expect(store.readOnlyReason?.('apiKey')).toMatch(/MITILENA_API_KEY environment variable/);
    expect(store.readOnlyReason?.('ngrokAuthtoken')).toBeNull();
    await expect(store.set('apiKey', 'another-key-1234')).rejects.toThrow(/environment variable/);
    await store.set('ngrokAuthtoken', TOKEN);
    expect(await store.get('ngrokAuthtoken')).toBe(TOKEN);
  });
});

/** Behaves like Electron's safeStorage: opaque bytes out, the same string back, per backend. */
function safeStorageDouble(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; async?: boolean; reEncrypt?: boolean } = {}) {
  const calls: string[] = [];
  const seal = (text: string): Buffer => Buffer.from(`sealed:${Buffer.from(text).toString('hex').split('').reverse().join('')}`);
  const open = (buffer: Buffer): string => {
    const text = buffer.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(7).split('').reverse().join(''), 'hex').toString();
  };
  const double: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text) => (calls.push('encryptString'), seal(text)),
    decryptString: (buffer) => (calls.push('decryptString'), open(buffer)),
  };
  if (options.async) {
    double.isAsyncEncryptionAvailable = async () => options.available ?? true;
    double.encryptStringAsync = async (text) => (calls.push('encryptStringAsync'), seal(text));
    double.decryptStringAsync = async (buffer) => (calls.push('decryptStringAsync'), { result: open(buffer), shouldReEncrypt: options.reEncrypt ?? false });
  }
  return { double, calls };
}

describe('desktop secrets (safeStorage)', () => {
  it('encrypts with the async API when Electron has it, and keeps only ciphertext on disk (0600)', async () => {
    const { double, calls } = safeStorageDouble({ async: true });
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'linux' });
    expect(store).toMatchObject({ kind: 'encrypted', warning: null });
    await store.set('apiKey', KEY);
    const file = join(dir.path, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(await store.get('apiKey')).toBe(KEY);
    expect(calls).toEqual(['encryptStringAsync', 'decryptStringAsync']);
  });

  it('encrypts the explorer keys like the API key', async () => {
    const { double } = safeStorageDouble({ async: true });
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'linux' });
    await store.set('trongridApiKey', TRON_KEY);
    await store.set('etherscanApiKey', ETHERSCAN_KEY);
    const text = readFileSync(join(dir.path, 'secrets.json'), 'utf8');
    expect(text).not.toContain(TRON_KEY);
    expect(text).not.toContain(ETHERSCAN_KEY);
    const again = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'linux' });
    expect(await again.get('trongridApiKey')).toBe(TRON_KEY);
    expect(await again.get('etherscanApiKey')).toBe(ETHERSCAN_KEY);
    await again.set('trongridApiKey', null);
    expect(await again.get('trongridApiKey')).toBeNull();
  });

  it('falls back to the synchronous API on an Electron without the async one', async () => {
    const { double, calls } = safeStorageDouble({ async: false });
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'darwin' });
    await store.set('ngrokAuthtoken', TOKEN);
    expect(await store.get('ngrokAuthtoken')).toBe(TOKEN);
    expect(calls).toEqual(['encryptString', 'decryptString']);
  });

  it('warns the owner on Linux without a keyring (basic_text)', async () => {
    const { double } = safeStorageDouble({ async: true, backend: 'basic_text' });
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'linux' });
    expect(store.kind).toBe('plain-text');
    expect(store.warning).toBe(BASIC_TEXT_WARNING);
    expect(store.warning).toMatch(/keyring/);
  });

  it('warns, and still keeps the file private, when the OS offers no encryption', async () => {
    const { double } = safeStorageDouble({ available: false });
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'win32' });
    expect(store).toMatchObject({ kind: 'plain-text', warning: NO_ENCRYPTION_WARNING });
    await store.set('apiKey', KEY);
    expect(await store.get('apiKey')).toBe(KEY);
  });

  it('re-encrypts when the OS asks, and asks for the key again when it cannot be decrypted', async () => {
    const { double, calls } = safeStorageDouble({ async: true, reEncrypt: true });
    const lines: string[] = [];
    const store = await createElectronSecretStore({ safeStorage: double, userDataDir: dir.path, platform: 'linux', log: (line) => lines.push(line) });
    await store.set('apiKey', KEY);
    expect(await store.get('apiKey')).toBe(KEY);
    expect(calls.filter((call) => call === 'encryptStringAsync')).toHaveLength(2);
    const file = join(dir.path, 'secrets.json');
    writeFileSync(file, JSON.stringify({ apiKey: { format: 'safeStorage', data: Buffer.from('garbage').toString('base64') } }), { mode: 0o600 });
    expect(await store.get('apiKey')).toBeNull();
    expect(lines.join('\n')).toMatch(/could not be decrypted/);
    expect(lines.join('\n')).not.toContain(KEY);
  });
});
