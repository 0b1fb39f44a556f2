// The shop ledger's connection URL (a secret: it carries the counter role's password). Checked as a
// PostgreSQL URL with `new URL`, described for the owner without its password, and everything that
// must be cut out of a message that came from the server or the client library (the URL, its
// password, and its password as written in the URL).
import { REDACTED, redactSecrets } from '../net/redact';

const PROTOCOLS = ['postgres:', 'postgresql:'];

export type ShopUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** A postgres:// URL with a host, a user and a database; messages never echo the value. */
export function checkShopLedgerUrl(value: string): ShopUrlCheck {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter a PostgreSQL URL such as postgres://counter_till_1:PASSWORD@db.example.com:5432/shop' };
  }
  if (!PROTOCOLS.includes(url.protocol)) return { ok: false, message: 'The shop ledger URL must start with postgres:// (or postgresql://)' };
  if (!url.hostname) return { ok: false, message: 'The shop ledger URL needs a host name' };
  if (!url.username) return { ok: false, message: "The shop ledger URL needs this counter's database role (postgres://ROLE:PASSWORD@host/db)" };
  if (url.pathname.replace(/^\//, '') === '') return { ok: false, message: 'The shop ledger URL needs the database name at its end (…/shop)' };
  if (url.hash) return { ok: false, message: 'Leave the # part out of the shop ledger URL' };
  return { ok: true, url: text };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Where the URL points, without the password: "counter_till_1 at db.example.com:5432/shop". */
export function describeShopLedger(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const user = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return `${user} at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}/${database}`;
}

/** The password as written in the URL and decoded: what must never show, even in part. */
export function shopUrlPasswords(url: string): string[] {
  const password = parse(url)?.password ?? '';
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray % is kept as written.
  }
  return decoded === password ? [password] : [password, decoded];
}

/**
 * `text` without the URL (any whole occurrence) and without any trace of its password. Only the
 * password is matched by fragments: the rest of a URL (a host, "postgres://") is not secret, and
 * matching it by fragments would blank out every message that names the host.
 */
export function redactShopUrl(text: string, url: string | null): string {
  if (!url) return text;
  return redactSecrets(text.split(url).join(REDACTED), shopUrlPasswords(url));
}
