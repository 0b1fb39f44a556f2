// Replication, counter → shop ledger: the counter's append-only sale_events, with the sale rows they
// touched, pushed in order and in batches from a cursor kept in the counter's own ledger. The cursor
// moves only after the server committed a batch, so a failure anywhere (server down, network cut,
// app killed) means the batch is sent again, and the server recognises what it already has. Off the
// sale path: woken by a core event or a timer, one batch at a time with the event loop free between
// batches, backing off while the server cannot be reached. A pg error never leaves this file.
import type { Refund } from '../../../shared/books';
import type { Ledger, ReplicationBatch } from '../store/ledger';
import { claimCounter } from './counter-claim';
import { describeShopError } from './errors';
import { pushBatch } from './push';
import { requireShopSchema } from './schema';
import { ShopLedgerClient } from './shop-client';
import { checkShopLedgerUrl } from './shop-url';
import { shopLedgerStatus, SHOP_LEDGER_OFF, type ShopLedgerStatus } from './shop-status';

export const DEFAULT_BATCH_EVENTS = 500;
const RETRY_INITIAL_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** A look for events no core event announced (a safety net; appends normally wake the replicator). */
const IDLE_CHECK_MS = 60_000;
/** The status bar hears about progress at most this often (a change of state at once). */
const ANNOUNCE_EVERY_MS = 1_000;
/** How long closing waits for a batch in flight before it lets the connection go. */
const CLOSE_GRACE_MS = 2_000;

export interface ShopReplicatorTimings {
  batchEvents?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  idleCheckMs?: number;
}

export interface ShopReplicatorOptions {
  ledger: Ledger;
  /** The shop ledger URL (a secret; null: off) and this counter's name, as in force now. */
  config: () => { url: string | null; counterName: string };
  appVersion: string;
  now: () => Date;
  /** Told when the status may have changed (throttled). */
  onChange: () => void;
  log?: (line: string) => void;
  timings?: ShopReplicatorTimings;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ShopReplicator {
  private client: ShopLedgerClient | null = null;
  private url: string | null = null;
  /** Why the URL in force (from the environment) cannot be used; null when it can or none is set. */
  private unusable: string | null = null;
  private name = '';
  /** The schema was checked and the counter claimed on this client. */
  private ready = false;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private failing: { since: Date; reason: string } | null = null;
  private failures = 0;
  private behind = 0;
  private countedAt = 0;
  private announced: { state: ShopLedgerStatus['state']; behind: number; at: number } | null = null;
  private closed = false;
  private readonly timings: Required<ShopReplicatorTimings>;

  constructor(private readonly options: ShopReplicatorOptions) {
    const given = options.timings ?? {};
    this.timings = {
      batchEvents: given.batchEvents ?? DEFAULT_BATCH_EVENTS,
      retryInitialMs: given.retryInitialMs ?? RETRY_INITIAL_MS,
      retryMaxMs: given.retryMaxMs ?? RETRY_MAX_MS,
      idleCheckMs: given.idleCheckMs ?? IDLE_CHECK_MS,
    };
  }

  status(): ShopLedgerStatus {
    if (this.unusable) return { state: 'unreachable', behind: this.behind, message: `Shop ledger: ${this.unusable}` };
    if (!this.client) return SHOP_LEDGER_OFF;
    return shopLedgerStatus({ configured: true, behind: this.behind, failing: this.failing, now: this.options.now() });
  }

  /** Takes the URL and name in force now; a changed URL means a new connection (and a new claim). */
  reconfigure(): void {
    if (this.closed) return;
    const { url, counterName } = this.options.config();
    const name = counterName.trim() || `counter ${this.options.ledger.replication.counterId().slice(0, 8)}`;
    if (url === this.url && name === this.name) return this.wake();
    void this.client?.close();
    const checked = url ? checkShopLedgerUrl(url) : null;
    this.unusable = checked && !checked.ok ? checked.message : null;
    this.client = checked?.ok ? new ShopLedgerClient(checked.url, this.options.log) : null;
    this.url = url;
    this.name = name;
    this.ready = false;
    this.failing = null;
    this.failures = 0;
    this.recount(true);
    this.wake();
  }

  /** Something was appended to the sale log: send it soon (while the server is unreachable, the retry timer decides). */
  wake(): void {
    if (this.closed || !this.client) return;
    // At least one change waits now; the cycle counts them, off the sale's path.
    this.behind = Math.max(this.behind, 1);
    if (!this.failing) this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await Promise.race([this.running, delay(CLOSE_GRACE_MS)]);
    await Promise.race([this.client?.close(), delay(CLOSE_GRACE_MS)]);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.cycle();
    }, ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    const client = this.client;
    if (!client || this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.drain(client).then(
      () => this.succeeded(client),
      (error: unknown) => this.failed(client, error),
    );
    await this.running;
    this.running = null;
    if (this.again && !this.failing) this.schedule(0);
  }

  private current(client: ShopLedgerClient): boolean {
    return !this.closed && client === this.client;
  }

  /** Sends batches until the log is empty after the cursor. */
  private async drain(client: ShopLedgerClient): Promise<void> {
    const reads = this.options.ledger.replication;
    const counterId = reads.counterId();
    this.recount(true);
    if (!this.ready) await this.connect(client, counterId);
    for (;;) {
      if (!this.current(client)) return;
      const batch = reads.batchAfter(reads.cursor(), this.timings.batchEvents);
      if (!batch) {
        this.behind = 0;
        return;
      }
      await pushBatch(client, counterId, batch, this.refundsOf(batch));
      // Stopped or moved to another server meanwhile: that server has the batch; the cursor stays and a resend changes nothing.
      if (!this.current(client)) return;
      reads.advanceCursor(batch.lastEventId);
      this.behind = Math.max(0, this.behind - batch.events.length);
      this.recovered();
      this.recount(false);
      await nextTurn();
    }
  }

  /** Every refund of the batch's refunded sales: re-sending one the server holds changes nothing. */
  private refundsOf(batch: ReplicationBatch): Refund[] {
    return batch.sales.flatMap(({ row }) => (row.refunded_crypto === null || row.refunded_crypto === undefined ? [] : this.options.ledger.refundsOf(String(row.id))));
  }

  /** Checks the schema and claims this counter's row; re-bases the cursor on what the server holds. */
  private async connect(client: ShopLedgerClient, counterId: string): Promise<void> {
    const reads = this.options.ledger.replication;
    const identity = { counterId, name: this.name, appVersion: this.options.appVersion, localLastEventId: reads.lastEventId() };
    const serverLast = await client.withConnection(async (connection) => {
      await requireShopSchema(connection);
      return claimCounter(connection, identity);
    });
    if (!this.current(client)) return;
    const cursor = reads.cursor();
    if (serverLast < cursor) {
      // A new shop database, or one restored from a backup: send again what it lacks.
      this.options.log?.(`shop ledger: it holds this counter's events up to #${serverLast}, not #${cursor}; sending the rest again`);
      reads.rewindCursor(serverLast);
      this.recount(true);
    }
    this.ready = true;
  }

  private recovered(): void {
    if (!this.failing) return;
    this.options.log?.(`shop ledger: reachable again after ${this.failures} failed attempt(s)`);
    this.failing = null;
    this.failures = 0;
  }

  private succeeded(client: ShopLedgerClient): void {
    if (!this.current(client)) return;
    this.recovered();
    this.recount(true);
    this.schedule(this.timings.idleCheckMs);
  }

  private failed(client: ShopLedgerClient, error: unknown): void {
    if (!this.current(client)) return;
    this.ready = false;
    const { reason, refusal } = describeShopError(error, this.url);
    this.failures += 1;
    const backoff = Math.min(this.timings.retryMaxMs, this.timings.retryInitialMs * 2 ** Math.min(this.failures - 1, 20));
    // Jitter: counters that lost the same server do not all come back in the same instant.
    const wait = Math.round((refusal ? this.timings.retryMaxMs : backoff) * (0.8 + Math.random() * 0.4));
    if (this.failing?.reason !== reason) this.options.log?.(`shop ledger: ${reason}; trying again in ${Math.ceil(wait / 1000)} s`);
    this.failing = { since: this.failing?.since ?? this.options.now(), reason };
    this.recount(true);
    this.schedule(wait);
  }

  /** Counts what is waiting (at most once a second unless `force`) and tells the status bar when worth it. */
  private recount(force: boolean): void {
    if (this.closed) return;
    const at = Date.now();
    if (force || at - this.countedAt >= ANNOUNCE_EVERY_MS) {
      try {
        this.behind = this.options.ledger.replication.waitingAfter(this.options.ledger.replication.cursor());
        this.countedAt = at;
      } catch {
        // The ledger is closing: the count stays as it was.
      }
    }
    const { state, behind } = this.status();
    const last = this.announced;
    if (last && last.state === state && (last.behind === behind || at - last.at < ANNOUNCE_EVERY_MS)) return;
    this.announced = { state, behind, at };
    this.options.onChange();
  }
}
