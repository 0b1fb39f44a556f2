import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the real one in constant time. Both sides are hashed first so
 * neither the length nor the position of the first differing byte leaks through timing.
 */
export function secretsMatch(presented: string | undefined | null, real: string): boolean {
  if (typeof presented !== 'string' || real.length === 0) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(real, 'utf8').digest();
  return timingSafeEqual(a, b);
}
