// PosApi over HTTP + SSE for browser mode: POST /api/<method> with the bearer token, and one
// EventSource on /api/events. Answers go through the same parser as IPC's.
import { SESSION_HEADER } from '../../shared/api-names';
import { fail } from '../../shared/result';
import { createEventStream } from './event-stream';
import { methodsCalling, readHttpReply, type Call } from './reply';
import type { Bridge } from './types';

/** Longer than the core's own gateway timeout, so a slow gateway reports itself before we give up. */
const REQUEST_TIMEOUT_MS = 60_000;
export const UNREACHABLE_MESSAGE =
  'The counter service is not reachable. Check that it is still running on this computer, then try again.';

export interface HttpBridgeOptions {
  /** Where the counter service is; '' (the default) is the page's own origin. */
  origin?: string;
  /** This tab's session id (see tabSessionId); none for a caller that is not a tab. */
  session?: string;
}

export function createHttpBridge(token: string | null, options: HttpBridgeOptions = {}): Bridge {
  const origin = options.origin ?? '';
  const call: Call = async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(options.session ? { [SESSION_HEADER]: options.session } : {}),
        },
        body: JSON.stringify(args ?? {}),
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // Sent or not, no answer came back: the sale may exist on the counter.
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return fail('no-answer', `The counter service did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Check today's sales before charging again.`);
      }
      return fail('no-answer', UNREACHABLE_MESSAGE);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined; // not JSON, or the body broke off
    }
    return readHttpReply(method, response.status, body);
  };

  const events = createEventStream(`${origin}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  return { pos: { ...methodsCalling(call), on: events.on }, carrier: 'http', watchConnection: events.watchConnection };
}
