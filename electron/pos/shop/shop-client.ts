// The counter's connection to the shop ledger: a small bounded `pg` pool (one push at a time needs
// one connection), timeouts on connecting and on every query so a cut network never hangs a push,
// and a connection that failed is thrown away, never reused. An idle connection that dies (the
// server restarted) is only logged: an unhandled pool error would end the process.
import pg from 'pg';
import { describeShopError } from './errors';

const POOL_MAX_CONNECTIONS = 1;
const CONNECT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 30_000;
/** Idle connections are closed, so a shop with many quiet counters does not hold a connection per counter. */
const IDLE_CLOSE_MS = 30_000;
const APPLICATION_NAME = 'mitilena-counter';

export type ShopQueryable = Pick<pg.ClientBase, 'query'>;

export class ShopLedgerClient {
  private readonly pool: pg.Pool;

  constructor(
    private readonly url: string,
    log?: (line: string) => void,
    /** The owner's desk reads while an export streams: two connections there; a counter's push needs one. */
    maxConnections = POOL_MAX_CONNECTIONS,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: maxConnections,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: IDLE_CLOSE_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      statement_timeout: QUERY_TIMEOUT_MS,
      application_name: APPLICATION_NAME,
      keepAlive: true,
    });
    this.pool.on('error', (error) => log?.(`shop ledger: an idle connection ended: ${describeShopError(error, this.url).reason}`));
  }

  /** Runs `work` on one connection; on any failure the connection is destroyed, not put back. */
  async withConnection<T>(work: (client: ShopQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // Between two queries a checked-out connection has no listener of the pool's: a server that dies
    // then would be an uncaught error. The next query fails instead, and that is handled.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let result: T;
    try {
      result = await work(client);
    } catch (error) {
      // Kept on: the connection is being destroyed and may still report its end.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    client.removeListener('error', ignore);
    client.release();
    return result;
  }

  /** Runs `work` in one transaction: committed whole, or rolled back (and the connection dropped). */
  transaction<T>(work: (client: ShopQueryable) => Promise<T>): Promise<T> {
    return this.withConnection(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** One connection for a command (the admin's init): opened, used, closed, whatever happens. */
  static async once<T>(url: string, applicationName: string, work: (client: ShopQueryable) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: applicationName });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Closes the pool; connections in use are ended as soon as they are released. */
  close(): Promise<void> {
    return this.pool.end().catch(() => undefined);
  }
}
