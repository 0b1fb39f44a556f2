// PINs at rest: scrypt (node:crypto) with a random salt per hash, the cost kept beside each hash so it
// can be raised later without losing the old ones. A PIN is never stored, logged or compared as text.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: 2^14 × 8 × 128 bytes = 16 MiB per hash, tens of milliseconds, in libuv's thread pool. */
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

function derive(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: MAX_MEMORY_BYTES };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** "scrypt$16384$8$1$<salt base64>$<hash base64>". */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const STORED = /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]{8,64})\$([A-Za-z0-9+/=]{8,128})$/;

/** Whether `pin` is the one `stored` was made from; false for anything unreadable. Constant time in the comparison. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const expected = Buffer.from(match[5] as string, 'base64');
  const key = await derive(pin, Buffer.from(match[4] as string, 'base64'), { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether `stored` looks like a hash this file made (a damaged setting is not a PIN). */
export function isPinHash(stored: unknown): stored is string {
  return typeof stored === 'string' && STORED.test(stored);
}
