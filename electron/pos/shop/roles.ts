// The shop ledger's login roles, made by its admin (npm run shop-ledger:init): one per counter, IN
// ROLE shop_counter (row-level security lets it write only its own rows), and any number for the
// owner's desk, IN ROLE shop_owner (reads everything). The password is sent as a SCRAM-SHA-256
// verifier, never as text (as psql's \password does), so it is not in any server log. Statements
// with a name in them are made by the server itself (format with %I and %L) from parameters.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { ShopQueryable } from './shop-client';

export const COUNTER_GROUP = 'shop_counter';
export const OWNER_GROUP = 'shop_owner';
export type RoleKind = 'counter' | 'owner';

const GROUP_OF: Readonly<Record<RoleKind, string>> = { counter: COUNTER_GROUP, owner: OWNER_GROUP };
const ROLE_NAME_PART = /^[a-z0-9_]{1,40}$/;
const SCRAM_ITERATIONS = 4096;

/** "till_1" → "counter_till_1"; null when the name is not lower-case letters, digits and _. */
export function loginRoleName(kind: RoleKind, name: string): string | null {
  const part = name.trim().toLowerCase().replace(/-/g, '_');
  return ROLE_NAME_PART.test(part) ? `${kind}_${part}` : null;
}

/** A password for a new role: 24 random bytes, URL-safe (it goes into the counter's URL as is). */
export function newRolePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802/7677), as the server keeps it. */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}

/** Creates the login role in its group; 'exists' (nothing changed) when a role of that name is there. */
export async function createLoginRole(client: ShopQueryable, kind: RoleKind, role: string, password: string): Promise<'created' | 'exists'> {
  const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if ((existing.rowCount ?? 0) > 0) return 'exists';
  const { rows } = await client.query<{ statement: string }>("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text) AS statement", [
    role,
    scramVerifier(password),
    GROUP_OF[kind],
  ]);
  await client.query((rows[0] as { statement: string }).statement);
  return 'created';
}

/** The admin's URL with this role and password instead (host, port, database and options kept). */
export function urlForRole(adminUrl: string, role: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** The lines an admin runs by hand instead (psql), with a placeholder for the password. */
export function manualRoleLines(kind: RoleKind, role: string): string {
  return `CREATE ROLE ${role} LOGIN PASSWORD 'choose-a-long-password' IN ROLE ${GROUP_OF[kind]};`;
}
