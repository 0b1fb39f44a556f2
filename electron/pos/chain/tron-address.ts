// TronGrid's event results carry addresses as EVM-style hex; the counter keeps Tron addresses in
// base58check (what invoices and wallets show), so hex is converted here with the chain's own rule.
import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function base58(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}

/**
 * "0x…" (20 bytes) or "41…" (21 bytes) hex → "T…" base58check; a base58 address is returned as it
 * is; anything else → null.
 */
export function tronAddressFromAny(value: string): string | null {
  if (/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(value)) return value;
  let hex: string;
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) hex = '41' + value.slice(2);
  else if (/^41[0-9a-fA-F]{40}$/.test(value)) hex = value;
  else return null;
  const payload = Buffer.from(hex, 'hex');
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  return base58(Buffer.concat([payload, checksum]));
}
