// Sale ids are ULIDs ("sale-" + 26 Crockford base32 characters): sortable by creation time and
// unguessable, so the id can double as the gateway's userPaymentId.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newSaleId(now: Date = new Date()): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = CROCKFORD[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const random = randomBytes(16);
  let randomPart = '';
  for (let i = 0; i < 16; i++) randomPart += CROCKFORD[(random[i] ?? 0) % 32];
  return `sale-${timePart}${randomPart}`;
}

/** A random token for URLs and secrets: 32 bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}
