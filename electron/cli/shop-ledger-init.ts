// `npm run shop-ledger:init -- URL [--counter NAME]... [--owner NAME]...`: sets up the shop ledger in a
// PostgreSQL database as its admin: the schema (under the same advisory lock the counters use), the
// group roles shop_counter and shop_owner, and, when asked, a login role per counter and for the
// owner's desk, each printed with the URL to paste into that counter's Settings (SHOP_LEDGER_URL).
// Run again after an update to apply newer migrations; existing roles are left as they are.
import { parseArgs } from 'node:util';
import { describeShopError } from '../pos/shop/errors';
import { createLoginRole, loginRoleName, manualRoleLines, newRolePassword, urlForRole, type RoleKind } from '../pos/shop/roles';
import { migrateShopLedger } from '../pos/shop/schema';
import { SHOP_SCHEMA_VERSION } from '../pos/shop/migrations';
import { ShopLedgerClient } from '../pos/shop/shop-client';
import { checkShopLedgerUrl } from '../pos/shop/shop-url';

const HELP = `Usage: npm run shop-ledger:init -- URL [--counter NAME]... [--owner NAME]...

  URL             an admin's connection URL for the shop's database (a role that may create schemas
                  and roles), e.g. postgres://admin:PASSWORD@db.example.com:5432/shop; or set
                  SHOP_LEDGER_ADMIN_URL instead, to keep it out of the shell's history
  --counter NAME  also make the login role counter_NAME for one till (letters, digits, _) and print
                  the URL to paste into that counter's Settings → Shop ledger (or SHOP_LEDGER_URL)
  --owner NAME    also make the login role owner_NAME, which reads every counter's rows

Safe to run again: applied migrations and existing roles are left as they are.
`;

interface InitFlags {
  url: string;
  roles: { kind: RoleKind; role: string }[];
}

function readFlags(args: string[]): InitFlags | string | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { counter: { type: 'string', multiple: true }, owner: { type: 'string', multiple: true }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (parsed.values.help) return 'help';
  const url = parsed.positionals[0] ?? process.env.SHOP_LEDGER_ADMIN_URL?.trim() ?? '';
  if (parsed.positionals.length > 1) return 'give one URL';
  if (!url) return 'give the admin URL of the shop database';
  const checked = checkShopLedgerUrl(url);
  if (!checked.ok) return checked.message;
  const roles: InitFlags['roles'] = [];
  for (const kind of ['counter', 'owner'] as const) {
    for (const name of parsed.values[kind] ?? []) {
      const role = loginRoleName(kind, name);
      if (!role) return `--${kind} ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 40)`;
      roles.push({ kind, role });
    }
  }
  return { url: checked.url, roles };
}

async function run(flags: InitFlags): Promise<void> {
  await ShopLedgerClient.once(flags.url, 'mitilena-shop-ledger-init', async (client) => {
    const applied = await migrateShopLedger(client);
    console.log(`Shop ledger schema: ${SHOP_SCHEMA_VERSION}${applied.length ? ` (applied ${applied.map((version) => String(version).padStart(4, '0')).join(', ')})` : ' (already up to date)'}.`);
    console.log('Group roles: shop_counter (each counter writes only its own rows), shop_owner (reads every row).');
    for (const { kind, role } of flags.roles) {
      const password = newRolePassword();
      const outcome = await createLoginRole(client, kind, role, password);
      if (outcome === 'exists') {
        console.log(`\n${role}: exists already, left as it is (ALTER ROLE ${role} PASSWORD … to change its password).`);
        continue;
      }
      const where = kind === 'counter' ? "that counter's Settings → Shop ledger (or its SHOP_LEDGER_URL)" : "the owner's tools";
      console.log(`\n${role}: created. Its URL, for ${where}; it is shown only now:\n  ${urlForRole(flags.url, role, password)}`);
    }
    console.log('\nTo make roles by hand instead (psql, as this admin):');
    console.log(`  ${manualRoleLines('counter', 'counter_till_1')}`);
    console.log(`  ${manualRoleLines('owner', 'owner_desk')}`);
  });
}

async function main(): Promise<number> {
  const flags = readFlags(process.argv.slice(2));
  if (flags === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (typeof flags === 'string') {
    console.error(`shop-ledger:init: ${flags}\n\n${HELP}`);
    return 2;
  }
  try {
    await run(flags);
    return 0;
  } catch (error) {
    console.error(`shop-ledger:init: ${describeShopError(error, flags.url).reason}`);
    return 1;
  }
}

process.exitCode = await main();
