// Which keys may sign a notice. The API key is the gateway's only proof, and it changes: the owner
// rotates it, removes it (back to the sandbox) or adds one. Each sale records a fingerprint of the key
// that made its invoice, so its notices are verified by that key whatever the settings say now:
//   - a sandbox sale: only the sandbox's own key;
//   - a live sale: its own key, or the current live key (the gateway may sign with the account's key);
//   - a notice naming no sale of ours: the current live key, the sandbox key, or a live key whose
//     invoices may still be paid (kept, as fingerprints only, in invoice_keys).
// The sandbox key can therefore never pay a live sale, and changing the key never strands one.
import { createHmac, randomBytes } from 'node:crypto';
import { secretsMatch } from '../net/secret-compare';
import type { Ledger } from '../store/ledger';

const SALT_META_KEY = 'key_fingerprint_salt';

/** The keys in force now; what the rules above compare presented keys with. */
export interface KeysNow {
  sandboxKey: string;
  liveKey: string | null;
}

/** HMAC-SHA256 under a per-install salt: a fingerprint cannot be turned back into the key. */
export class KeyFingerprints {
  private constructor(private readonly salt: Buffer) {}

  static forLedger(ledger: Ledger): KeyFingerprints {
    return new KeyFingerprints(Buffer.from(ledger.installValue(SALT_META_KEY, () => randomBytes(32).toString('hex')), 'hex'));
  }

  of(key: string): string {
    return createHmac('sha256', this.salt).update(key, 'utf8').digest('hex');
  }
}

function sameFingerprint(a: string, b: string | null): boolean {
  return b !== null && secretsMatch(a, b);
}

export interface SaleKeyFacts {
  sandbox: boolean;
  /** The fingerprint recorded on the sale; null on sales older than fingerprints. */
  keyFingerprint: string | null;
}

/**
 * True when every presented key (the header's and the body's, whichever came) is one the rules
 * allow for this notice, and at least one came. `sale` is the sale the notice names, if it is ours.
 */
export function keysVerify(presented: readonly string[], sale: SaleKeyFacts | null, keys: KeysNow, fingerprints: KeyFingerprints, ledger: Ledger, at: string): boolean {
  if (presented.length === 0) return false;
  const sandbox = fingerprints.of(keys.sandboxKey);
  const live = keys.liveKey ? fingerprints.of(keys.liveKey) : null;
  return presented.every((key) => {
    const fingerprint = fingerprints.of(key);
    if (sale?.sandbox) return sameFingerprint(fingerprint, sale.keyFingerprint ?? sandbox);
    if (sale) return sameFingerprint(fingerprint, sale.keyFingerprint) || sameFingerprint(fingerprint, live);
    return sameFingerprint(fingerprint, live) || sameFingerprint(fingerprint, sandbox) || ledger.isOpenLiveKey(fingerprint, at);
  });
}
