// The owner desk's connection to the shop ledger: its own URL (a login role in shop_owner, which row-
// level security lets read every counter's rows), never the counter's URL, whose role sees only this
// counter's. Opened on first use, reopened when the URL in Settings changes; errors become a sentence
// that says the shop scope is unreachable and the counter's own books still work.
import { fail, type Result } from '../../../../shared/result';
import { describeShopError } from '../errors';
import { ShopLedgerClient } from '../shop-client';

const OWNER_DESK_CONNECTIONS = 2;

export const NO_OWNER_URL =
  'The whole shop is read with the owner desk’s shop ledger URL (a shop_owner role), and none is set: add it in Settings → Shop ledger (browser mode: SHOP_LEDGER_OWNER_URL). This counter’s own books are under “This counter”.';

// A counter's role would pass every query and see only its own rows (row-level security): a "whole
// shop" that silently shows one till. Refused instead.
export const NOT_AN_OWNER =
  'The owner desk’s shop ledger URL logs in as a role that is not in shop_owner (a counter’s URL?): it would show one counter as if it were the whole shop. Use the owner URL that npm run shop-ledger:init printed.';

export class OwnerShopConnection {
  private client: ShopLedgerClient | null = null;
  private clientUrl: string | null = null;
  /** The client whose role was found to be in shop_owner (checked once per URL). */
  private checked: ShopLedgerClient | null = null;

  constructor(
    private readonly url: () => string | null,
    private readonly log?: (line: string) => void,
  ) {}

  /** The client for the URL in force; null when no owner URL is set. */
  current(): ShopLedgerClient | null {
    const url = this.url();
    if (url !== this.clientUrl) {
      void this.client?.close();
      this.client = url ? new ShopLedgerClient(url, this.log, OWNER_DESK_CONNECTIONS) : null;
      this.clientUrl = url;
    }
    return this.client;
  }

  /** Runs a read or a close against the shop ledger; any failure is answered in words, never a stack or the URL. */
  async run<T>(work: (client: ShopLedgerClient) => Promise<Result<T>>): Promise<Result<T>> {
    const client = this.current();
    if (!client) return fail('not-ready', NO_OWNER_URL);
    try {
      if (this.checked !== client) {
        const { rows } = await client.withConnection((connection) => connection.query<{ owner: boolean }>("SELECT pg_has_role(session_user, 'shop_owner', 'USAGE') AS owner"));
        if (!rows[0]?.owner) return fail('not-ready', NOT_AN_OWNER);
        this.checked = client;
      }
      return await work(client);
    } catch (error) {
      const { reason } = describeShopError(error, this.clientUrl);
      this.log?.(`shop ledger (owner desk): ${reason}`);
      return fail(
        'not-ready',
        `The shop ledger is unreachable: ${reason}. Nothing was changed. This counter’s own books still work: choose “This counter”.`,
      );
    }
  }

  close(): Promise<void> {
    const closing = this.client?.close() ?? Promise.resolve();
    this.client = null;
    this.clientUrl = null;
    return closing;
  }
}
