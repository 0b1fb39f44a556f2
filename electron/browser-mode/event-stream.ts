// One client's Server-Sent Events stream, which never makes the core buffer without bound. While the
// socket takes what is written, events go straight out; once write() says the socket is full, events
// wait here, coalesced (the latest status, the latest display, one sale-updated per sale: each
// payload is the whole current value, so only the newest matters), and go out on 'drain'. A client
// whose backlog (what the socket holds plus what waits here) passes the limit is dropped: its
// EventSource reconnects and the page refetches what it shows (renderer/bridge/events.ts).
import type { ServerResponse } from 'node:http';
import type { PosEventName } from '../../shared/api';

/** Past this many bytes waiting for one client, it is dropped rather than buffered. */
export const MAX_CLIENT_BACKLOG_BYTES = 1024 * 1024;

/** What an event replaces in the backlog: the same key, an older copy of the same value. */
function coalesceKey(event: PosEventName, payload: unknown): string {
  if (event === 'sale-updated' && typeof payload === 'object' && payload !== null && 'id' in payload) return `${event}\u0000${String((payload as { id: unknown }).id)}`;
  return event;
}

export class EventStream {
  private readonly waiting = new Map<string, string>();
  private waitingBytes = 0;
  private blocked = false;
  private dropped = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly limitBytes = MAX_CLIENT_BACKLOG_BYTES,
  ) {
    response.on('drain', () => this.flush());
  }

  /** Whether the client was dropped for falling too far behind. */
  get isDropped(): boolean {
    return this.dropped;
  }

  send(event: PosEventName, payload: unknown): void {
    this.write(coalesceKey(event, payload), `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  /** A comment line that keeps proxies and the browser from timing the stream out. */
  heartbeat(): void {
    if (!this.blocked) this.blocked = !this.response.write(': keep-alive\n\n');
  }

  private write(key: string, text: string): void {
    if (this.dropped || this.response.destroyed) return;
    if (!this.blocked) {
      this.blocked = !this.response.write(text);
      return;
    }
    const older = this.waiting.get(key);
    if (older !== undefined) {
      this.waitingBytes -= Buffer.byteLength(older);
      // Sent in the order of their latest change.
      this.waiting.delete(key);
    }
    this.waiting.set(key, text);
    this.waitingBytes += Buffer.byteLength(text);
    if (this.waitingBytes + this.response.writableLength > this.limitBytes) this.drop();
  }

  private flush(): void {
    this.blocked = false;
    for (const [key, text] of this.waiting) {
      this.waiting.delete(key);
      this.waitingBytes -= Buffer.byteLength(text);
      if (!this.response.write(text)) {
        this.blocked = true;
        return;
      }
    }
  }

  private drop(): void {
    this.dropped = true;
    this.waiting.clear();
    this.waitingBytes = 0;
    this.response.destroy();
  }
}
