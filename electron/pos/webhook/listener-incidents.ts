// What became of the requests the webhook listener could not finish, told apart so the log says
// what happened: a client that went away before its body arrived, a client cut off by the header
// or request time limit, or a notice that arrived but could not be recorded. Only the last means
// a payment notice may be missing (the gateway was told to try again), so only it is never muted.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface IncidentCounts {
  /** Clients that closed or reset the connection before their request was complete. */
  aborted: number;
  /** Clients cut off by the header or request time limit (408). */
  timedOut: number;
  /** Requests that arrived whole but whose notice could not be recorded (500). */
  notRecorded: number;
}

/** A flood of slow or vanishing clients writes one line per kind per this long, with how many were muted. */
export const INCIDENT_LOG_INTERVAL_MS = 10_000;
const TIMEOUT_CODES = new Set(['ERR_HTTP_REQUEST_TIMEOUT', 'ERR_HTTP_HEADERS_TIMEOUT']);

export class ListenerIncidents {
  readonly counts: IncidentCounts = { aborted: 0, timedOut: 0, notRecorded: 0 };
  /** Sockets the time limits cut off: their request's "aborted" error is the timeout, not the client. */
  private readonly cutOff = new WeakSet<Duplex>();
  private readonly lastLine = { aborted: -Infinity, timedOut: -Infinity };
  private readonly muted = { aborted: 0, timedOut: 0 };

  constructor(
    private readonly log: ((line: string) => void) | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** From the server's clientError: true when it was a time limit (the caller answers 408). */
  clientError(error: NodeJS.ErrnoException, socket: Duplex): boolean {
    if (!TIMEOUT_CODES.has(error.code ?? '')) return false;
    this.cutOff.add(socket);
    this.counts.timedOut += 1;
    this.throttled('timedOut', 'webhook: a client was cut off by the time limit before its notice arrived (408)');
    return true;
  }

  /**
   * From the request handler's failure: says whether the client is gone (nothing to answer) or
   * the notice could not be recorded (the caller answers 500, so the gateway tries again).
   */
  requestFailed(request: IncomingMessage, error: unknown): 'client-gone' | 'not-recorded' {
    if (this.cutOff.has(request.socket)) return 'client-gone'; // counted when it was cut off
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ECONNRESET' || code === 'ECONNABORTED' || request.readableAborted) {
      this.counts.aborted += 1;
      this.throttled('aborted', `webhook: a client went away before its notice arrived (${error instanceof Error ? error.message : 'aborted'})`);
      return 'client-gone';
    }
    this.counts.notRecorded += 1;
    this.log?.(`webhook: could not record a notice: ${error instanceof Error ? error.message : 'unknown error'}`);
    return 'not-recorded';
  }

  private throttled(kind: 'aborted' | 'timedOut', line: string): void {
    const at = this.now();
    if (at - this.lastLine[kind] < INCIDENT_LOG_INTERVAL_MS) {
      this.muted[kind] += 1;
      return;
    }
    const muted = this.muted[kind];
    this.lastLine[kind] = at;
    this.muted[kind] = 0;
    this.log?.(muted > 0 ? `${line}; ${muted} more since the last such line` : line);
  }
}
