// Browser mode's command line: node:util's parseArgs for the syntax, then one zod schema for every
// value, all before the data folder is touched. A bad flag exits 2 and creates nothing (a typo in
// --port once created a ledger, started the listener and took a backup before it complained).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BLOCKCHAINS, LANGUAGES } from '../../shared/mitilena';
import { httpUrl as parseHttpUrl } from '../../shared/url';
import { DEFAULT_ETHERSCAN_API, DEFAULT_TRON_API } from '../pos/chain/options';
import { DEFAULT_GATEWAY_URL } from '../pos/mode/gateway-mode';
import { DEFAULT_BATCH_EVENTS } from '../pos/shop/replicator';
import { SECRETS_FILE } from '../pos/settings/secrets-file';
import { DEFAULT_SETTINGS } from '../pos/settings/stored';
import { validateSettingsUpdate } from '../pos/settings/validate';

export const DEFAULT_UI_PORT = 4180;
const MIN_CHAIN_INTERVAL_MS = 100;
const MAX_SHOP_LEDGER_BATCH = 10_000;

export const HELP = `Mitilena Counter, browser mode

Usage: npm run serve -- [options]

  --port N            port of the cashier UI on 127.0.0.1 (default ${DEFAULT_UI_PORT}; 0 picks a free one)
  --data DIR          data directory holding the sales database
                      (default $XDG_DATA_HOME/mitilena-counter or ~/.local/share/mitilena-counter)
  --currency CODE     the shop's ISO 4217 currency (default: the saved setting, else EUR)
  --blockchain CODE   network customers pay on: ${BLOCKCHAINS.join(', ')} (default tether-trc20)
  --language CODE     payment page language: ${LANGUAGES.join(', ')} (default en)
  --shop-name TEXT    shown in the header and on receipts
  --gateway-url URL   Mitilena Pay API base (default ${DEFAULT_GATEWAY_URL}); invoices go to <url>/generatePayment
  --public-url URL    public base URL of the webhook listener (a tunnel or reverse proxy); the app appends its path
                      (sets the tunnel to "my own public URL" for this run)
  --ngrok-domain HOST your static ngrok domain, e.g. my-shop.ngrok-free.app (recommended: the URL then never changes)
  --webhook-port N    port of the webhook listener on 127.0.0.1 (default: the last one used, else a free one)
  --tron-api URL      TronGrid base URL for checking TRC20 payments on the blockchain
                      (default ${DEFAULT_TRON_API}, used only when TRONGRID_API_KEY is set)
  --etherscan-api URL Etherscan v2 endpoint for ERC20 and BEP20 payments
                      (default ${DEFAULT_ETHERSCAN_API}, used only when ETHERSCAN_API_KEY is set)
  --no-chain-confirm  do not check paid notices on the blockchain (lost notices are still recovered)
  --chain-interval-ms N  how often lost notices are looked for on the blockchain (default 600000)
  --counter-name TEXT this counter's name in the shop ledger (default: the saved setting, else one made from its id)
  --shop-ledger-batch N  sale events per batch sent to the shop ledger (default ${DEFAULT_BATCH_EVENTS}, at most ${MAX_SHOP_LEDGER_BATCH})
  --help              this text

Every option is checked before anything is opened: a wrong one exits with code 2 and changes nothing.
Options given here win over the saved settings for this run only.

Environment:
  MITILENA_API_KEY    your Mitilena Pay API key; selects live mode. Without it the embedded sandbox
                      gateway is used and no real money moves.
  NGROK_AUTHTOKEN     your ngrok authtoken; live mode then opens an ngrok tunnel to the webhook
                      listener (and only to it) unless --public-url is given.
  TRONGRID_API_KEY    optional TronGrid key (sent as TRON-PRO-API-KEY); turns TRC20 checks on
  ETHERSCAN_API_KEY   Etherscan key (one serves Ethereum and BNB Smart Chain); turns ERC20/BEP20 checks on
  SHOP_LEDGER_URL     postgres://ROLE:PASSWORD@HOST:5432/DB of the shop ledger; this counter's sales are
                      replicated there (docs/shop-ledger.md). Without it (or a saved one) nothing is sent.
  SHOP_LEDGER_OWNER_URL  the owner desk's URL (a shop_owner role): History, Day close and Export then
                      offer "Whole shop", every counter's sales read from the shop ledger.

Explorer URLs, keys and confirmation can also be saved in the app's Settings ("Block explorers");
the flags and the environment above win over them for this run. Without a URL or a key (from
either place), no block explorer is ever called.

Secrets not in the environment are kept in <data>/${SECRETS_FILE}, readable only by you (mode 0600).
`;

const OPTIONS = {
  port: { type: 'string' },
  data: { type: 'string' },
  currency: { type: 'string' },
  blockchain: { type: 'string' },
  language: { type: 'string' },
  'shop-name': { type: 'string' },
  'gateway-url': { type: 'string' },
  'public-url': { type: 'string' },
  'webhook-port': { type: 'string' },
  'ngrok-domain': { type: 'string' },
  'tron-api': { type: 'string' },
  'etherscan-api': { type: 'string' },
  'no-chain-confirm': { type: 'boolean' },
  'chain-interval-ms': { type: 'string' },
  'counter-name': { type: 'string' },
  'shop-ledger-batch': { type: 'string' },
  help: { type: 'boolean' },
} as const;

const port = (flag: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `${flag} must be a port number (0-65535)`)
    .transform(Number)
    .refine((value) => value <= 65_535, `${flag} must be a port number (0-65535)`);

const httpUrl = (flag: string) =>
  z
    .string()
    .refine((value) => (parseHttpUrl(value)?.hostname ?? '') !== '', `${flag} must be an http(s) URL`)
    .transform((value) => value.replace(/\/+$/, ''));

const FlagsSchema = z
  .strictObject({
    port: port('--port').default(DEFAULT_UI_PORT),
    data: z.string().trim().min(1, '--data needs a folder').max(4096).optional(),
    currency: z.string().max(12).optional(),
    blockchain: z.string().max(40).optional(),
    language: z.string().max(12).optional(),
    'shop-name': z.string().optional(),
    'gateway-url': httpUrl('--gateway-url').optional(),
    'public-url': z.string().max(2000).optional(),
    'webhook-port': port('--webhook-port').optional(),
    'ngrok-domain': z.string().max(253).optional(),
    'tron-api': httpUrl('--tron-api').optional(),
    'etherscan-api': httpUrl('--etherscan-api').optional(),
    'no-chain-confirm': z.boolean().optional(),
    'chain-interval-ms': z
      .string()
      .regex(/^\d{1,10}$/, '--chain-interval-ms must be a whole number of milliseconds')
      .transform(Number)
      .refine((value) => value >= MIN_CHAIN_INTERVAL_MS, `--chain-interval-ms must be at least ${MIN_CHAIN_INTERVAL_MS}`)
      .optional(),
    'counter-name': z.string().optional(),
    'shop-ledger-batch': z
      .string()
      .regex(/^\d{1,6}$/, '--shop-ledger-batch must be a whole number of events')
      .transform(Number)
      .refine((value) => value >= 1 && value <= MAX_SHOP_LEDGER_BATCH, `--shop-ledger-batch must be between 1 and ${MAX_SHOP_LEDGER_BATCH}`)
      .optional(),
    help: z.boolean().optional(),
  })
  .transform((flags, context) => {
    // The settings a flag overrides are checked by the very rules the Settings screen uses.
    const checked = validateSettingsUpdate(
      {
        ...(flags.currency !== undefined ? { currency: flags.currency } : {}),
        ...(flags.blockchain !== undefined ? { blockchain: flags.blockchain as (typeof BLOCKCHAINS)[number] } : {}),
        ...(flags.language !== undefined ? { language: flags.language as (typeof LANGUAGES)[number] } : {}),
        ...(flags['shop-name'] !== undefined ? { shopName: flags['shop-name'] } : {}),
        ...(flags['counter-name'] !== undefined ? { counterName: flags['counter-name'] } : {}),
        ...(flags['ngrok-domain'] !== undefined ? { ngrokDomain: flags['ngrok-domain'] } : {}),
        ...(flags['public-url'] !== undefined ? { publicUrl: flags['public-url'], tunnelMode: 'manual' as const } : {}),
      },
      DEFAULT_SETTINGS,
    );
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.fields)) context.addIssue({ code: 'custom', message: `${FLAG_OF[field] ?? field}: ${message}` });
      return z.NEVER;
    }
    return {
      help: flags.help === true,
      uiPort: flags.port,
      dataDir: flags.data,
      currency: checked.patch.currency,
      blockchain: checked.patch.blockchain,
      language: checked.patch.language,
      shopName: checked.patch.shopName,
      gatewayUrl: flags['gateway-url'],
      publicUrl: checked.patch.publicUrl ?? undefined,
      ngrokDomain: checked.patch.ngrokDomain ?? undefined,
      webhookPort: flags['webhook-port'],
      tronApi: flags['tron-api'],
      etherscanApi: flags['etherscan-api'],
      noChainConfirm: flags['no-chain-confirm'] === true,
      chainIntervalMs: flags['chain-interval-ms'],
      counterName: checked.patch.counterName,
      shopLedgerBatch: flags['shop-ledger-batch'],
    };
  });

const FLAG_OF: Record<string, string> = { currency: '--currency', blockchain: '--blockchain', language: '--language', shopName: '--shop-name', counterName: '--counter-name', ngrokDomain: '--ngrok-domain', publicUrl: '--public-url' };

export type ServeFlags = z.output<typeof FlagsSchema>;

/** The flags, every value checked; or the sentence saying which one is wrong. Touches nothing. */
export function readServeFlags(args: string[]): { ok: true; flags: ServeFlags } | { ok: false; message: string } {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const checked = FlagsSchema.safeParse(values);
  if (checked.success) return { ok: true, flags: checked.data };
  const issue = checked.error.issues[0];
  const message = issue?.message ?? 'invalid options';
  // A message from a field's own check says which flag; one from the whole-object check already does.
  const given = issue && issue.path.length > 0 ? JSON.stringify((values as Record<string, unknown>)[String(issue.path[0])]) : null;
  return { ok: false, message: given && issue?.code !== 'unrecognized_keys' ? `${message}, got ${given}` : message };
}
