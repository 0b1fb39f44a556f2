// Every field of a settings update checked with a message of its own, against the current settings:
// either all of it is usable or nothing is. Messages never echo a secret, even a wrong one.
import type { PosArgs } from '../../../shared/api';
import { BLOCKCHAINS, LANGUAGES } from '../../../shared/mitilena';
import { isKnownCurrency } from '../../../shared/money';
import { httpUrl } from '../../../shared/url';
import { DEFAULT_ETHERSCAN_API, DEFAULT_TRON_API } from '../chain/options';
import { SECRET_NAMES, type SecretName, type SecretsPatch } from './secrets';
import { checkShopLedgerSettings } from './shop-ledger-settings';
import { MAX_FOOTER_CHARS, MAX_SHOP_NAME_CHARS, type StoredSettings } from './stored';

export const MIN_SECRET_CHARS = 8;
export const MAX_SECRET_CHARS = 500;

export type SettingsPatch = Partial<StoredSettings>;

const SECRET_LABEL: Record<SecretName, string> = {
  apiKey: 'The API key',
  ngrokAuthtoken: 'The ngrok authtoken',
  trongridApiKey: 'The TronGrid API key',
  etherscanApiKey: 'The Etherscan API key',
  shopLedgerUrl: 'The shop ledger URL',
  shopLedgerOwnerUrl: 'The owner desk’s shop ledger URL',
};

export type CheckedUpdate = { ok: true; patch: SettingsPatch; secrets: SecretsPatch } | { ok: false; fields: Record<string, string> };

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Checks every field of an update against `current`; either all of it is usable or nothing is. */
export function validateSettingsUpdate(update: PosArgs<'updateSettings'>, current: StoredSettings): CheckedUpdate {
  const fields: Record<string, string> = {};
  const patch: SettingsPatch = {};

  if (update.currency !== undefined) {
    const code = update.currency.trim().toUpperCase();
    if (isKnownCurrency(code)) patch.currency = code;
    else fields.currency = `"${update.currency.slice(0, 12)}" is not an ISO 4217 currency code; use one such as EUR, USD or JPY`;
  }
  if (update.blockchain !== undefined) {
    if ((BLOCKCHAINS as readonly string[]).includes(update.blockchain)) patch.blockchain = update.blockchain;
    else fields.blockchain = `Choose one of ${BLOCKCHAINS.join(', ')}`;
  }
  if (update.language !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(update.language)) patch.language = update.language;
    else fields.language = `The payment page speaks only ${LANGUAGES.join(', ')}`;
  }
  if (update.shopName !== undefined) {
    const name = update.shopName.trim();
    if (!name) fields.shopName = 'Enter the shop name shown in the header and on receipts';
    else if (name.length > MAX_SHOP_NAME_CHARS) fields.shopName = `At most ${MAX_SHOP_NAME_CHARS} characters`;
    else if (CONTROL_OR_NEWLINE.test(name)) fields.shopName = 'Use one line of ordinary text';
    else patch.shopName = name;
  }
  if (update.receiptFooter !== undefined) {
    const footer = update.receiptFooter.replace(/\r\n/g, '\n').trim();
    if (footer.length > MAX_FOOTER_CHARS) fields.receiptFooter = `At most ${MAX_FOOTER_CHARS} characters`;
    else if (CONTROL_CHARS.test(footer)) fields.receiptFooter = 'Use ordinary text (line breaks are fine)';
    else patch.receiptFooter = footer;
  }
  const secrets = checkSecrets(update, fields);
  checkShopLedgerSettings(update, patch, secrets, fields);
  if (update.ngrokDomain !== undefined) {
    const domain = (update.ngrokDomain ?? '').trim().toLowerCase().replace(/\.$/, '');
    if (!domain) patch.ngrokDomain = null;
    else if (/^[a-z]+:\/\//.test(domain) || domain.includes('/')) fields.ngrokDomain = 'Enter only the host name, e.g. my-shop.ngrok-free.app';
    else if (!HOSTNAME.test(domain)) fields.ngrokDomain = 'This is not a host name; it looks like my-shop.ngrok-free.app';
    else patch.ngrokDomain = domain;
  }
  checkUrls(update, patch, fields);
  for (const name of ['chainConfirm', 'publicTronGrid'] as const) {
    const value = update[name];
    if (value === undefined) continue;
    if (typeof value === 'boolean') patch[name] = value;
    else fields[name] = 'Choose yes or no';
  }
  if (update.tunnelMode !== undefined) patch.tunnelMode = update.tunnelMode;
  const mode = patch.tunnelMode ?? current.tunnelMode;
  const publicUrl = 'publicUrl' in patch ? patch.publicUrl : current.publicUrl;
  if (mode === 'manual' && !publicUrl && !fields.publicUrl) fields.publicUrl = 'Enter the public URL of your reverse proxy, or choose another tunnel option';

  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, patch, secrets };
}

/** The secrets of an update, each checked; a message never echoes the value, which is a secret even when wrong. */
function checkSecrets(update: PosArgs<'updateSettings'>, fields: Record<string, string>): SecretsPatch {
  const secrets: SecretsPatch = {};
  for (const name of SECRET_NAMES) {
    const value = update[name];
    if (value === undefined) continue;
    if (value === null) {
      secrets[name] = null;
      continue;
    }
    const trimmed = value.trim();
    const what = SECRET_LABEL[name];
    if (trimmed.length < MIN_SECRET_CHARS) fields[name] = `${what} is too short; paste the whole value`;
    else if (trimmed.length > MAX_SECRET_CHARS) fields[name] = `${what} is too long; paste only the value`;
    else if (/\s/.test(trimmed) || CONTROL_OR_NEWLINE.test(trimmed)) fields[name] = `${what} cannot contain spaces or line breaks; paste only the value`;
    else secrets[name] = trimmed;
  }
  return secrets;
}

/** The public URL and the explorers' addresses of an update, into `patch` or `fields`. */
function checkUrls(update: PosArgs<'updateSettings'>, patch: SettingsPatch, fields: Record<string, string>): void {
  if (update.publicUrl !== undefined) {
    const checked = checkPublicUrl(update.publicUrl);
    if (checked.ok) patch.publicUrl = checked.url;
    else fields.publicUrl = checked.message;
  }
  for (const [name, what, example] of [
    ['tronApi', 'TronGrid', DEFAULT_TRON_API],
    ['etherscanApi', 'Etherscan', DEFAULT_ETHERSCAN_API],
  ] as const) {
    const value = update[name];
    if (value === undefined) continue;
    const checked = checkExplorerUrl(value, what, example);
    if (checked.ok) patch[name] = checked.url;
    else fields[name] = checked.message;
  }
}

interface BaseUrlWords {
  notUrl: string;
  notHttp: string;
  noHost: string;
  credentials: string;
  queryOrHash: string;
}

const PUBLIC_URL_WORDS: BaseUrlWords = {
  notUrl: 'Enter a full address starting with https://',
  notHttp: 'The address must start with https:// (or http://)',
  noHost: 'The address needs a host name',
  credentials: 'Leave user names and passwords out of the address',
  queryOrHash: 'Leave ? and # parts out; the app appends its own path',
};

/** A base URL the app appends its own path to: empty is "none"; otherwise http(s) with a host, no credentials, no ? or #. */
function checkBaseUrl(value: string | null, words: BaseUrlWords): { ok: true; url: string | null } | { ok: false; message: string } {
  const text = (value ?? '').trim();
  if (!text) return { ok: true, url: null };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: words.notUrl };
  }
  if (!httpUrl(text)) return { ok: false, message: words.notHttp };
  if (!url.hostname) return { ok: false, message: words.noHost };
  if (url.username || url.password) return { ok: false, message: words.credentials };
  if (url.search || url.hash) return { ok: false, message: words.queryOrHash };
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

function checkPublicUrl(value: string | null): { ok: true; url: string | null } | { ok: false; message: string } {
  return checkBaseUrl(value, PUBLIC_URL_WORDS);
}

/** A block explorer's base URL: empty turns that explorer off; otherwise http(s) with a host, no credentials. */
export function checkExplorerUrl(value: string | null, what: string, example: string): { ok: true; url: string | null } | { ok: false; message: string } {
  return checkBaseUrl(value, {
    notUrl: `The ${what} address must be a full http(s) URL, e.g. ${example}`,
    notHttp: `The ${what} address must start with https:// (or http://), e.g. ${example}`,
    noHost: `The ${what} address needs a host name, e.g. ${example}`,
    credentials: 'Leave user names and passwords out of the address; put the key in its own field',
    queryOrHash: 'Leave ? and # parts out; put the key in its own field',
  });
}
