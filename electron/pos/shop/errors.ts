// What went wrong with the shop ledger, in words for the owner's status bar: the network and the
// server in a few known sentences, a refusal the owner must act on in its own sentence, anything else
// in the server's words with the URL and its password cut out.
import { redactShopUrl } from './shop-url';

/** Something only the owner can fix (a role bound to another counter, a schema, ledgers that disagree); retried slowly. */
export class ShopLedgerRefusal extends Error {
  override readonly name = 'ShopLedgerRefusal';
}

const NETWORK: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the server refused the connection (is PostgreSQL running there?)',
  ENOTFOUND: "the server's host name was not found",
  EAI_AGAIN: "the server's host name could not be looked up",
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the server cannot be reached from this network',
  ENETUNREACH: 'this computer has no network route to the server',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
};

// SQLSTATE codes (PostgreSQL's appendix A).
const SERVER: Readonly<Record<string, string>> = {
  '28P01': "the server refused this counter's password",
  '28000': "the server refused this counter's database role",
  '3D000': 'the database named in the URL does not exist',
  '53300': 'the server has too many connections',
  '57P01': 'the server is shutting down',
  '57P02': 'the server is shutting down',
  '57P03': 'the server is starting up',
};

export interface DescribedError {
  /** A short sentence without the URL or its password. */
  reason: string;
  /** The owner must fix something; the network coming back will not. */
  refusal: boolean;
}

export function describeShopError(error: unknown, url: string | null): DescribedError {
  if (error instanceof ShopLedgerRefusal) return { reason: redactShopUrl(error.message, url), refusal: true };
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const known = NETWORK[code] ?? SERVER[code] ?? (code.startsWith('08') ? 'the connection to the server failed' : undefined);
  if (known) return { reason: known, refusal: code.startsWith('28') || code === '3D000' };
  if (/timeout|timed out/i.test(message)) return { reason: 'the server did not answer in time', refusal: false };
  if (/Connection terminated|connection.*(closed|ended)/i.test(message)) return { reason: 'the connection was cut', refusal: false };
  if (code === '42501') return { reason: `the server refused the write: ${redactShopUrl(message, url)}`, refusal: true };
  return { reason: redactShopUrl(message, url), refusal: code !== '' && !/^(40|55|57|58)/.test(code) };
}
