// The self-check: the app POSTs, through its public webhook URL, to its own listener with a one-time
// nonce only that listener can answer. Proves DNS, TLS, the tunnel or proxy and the path, end to end.
import type { z } from 'zod';
import type { ReachabilitySchema } from '../../../shared/api';
import { bodyText, boundedFetch } from '../net/bounded-fetch';
import { formatSeconds } from '../net/seconds';
import { PROBE_HEADER, type ArmedProbe } from '../webhook/listener';

export type Reachability = z.infer<typeof ReachabilitySchema>;

export const REACHABILITY_TIMEOUT_MS = 5_000;
/** The listener's answer is 48 hex characters; anything much longer is some other server's page. */
const MAX_PROBE_ANSWER_BYTES = 4096;

export const UNKNOWN: Reachability = { state: 'unknown', message: null, checkedAt: null };

export interface ProbeOptions {
  /** The public webhook URL (public base + the listener's path). */
  url: string;
  armProbe: () => ArmedProbe;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now: () => Date;
}

/** Sends one probe and says, in words for the owner, whether it came back to this counter. */
export async function probeWebhook(options: ProbeOptions): Promise<Reachability> {
  const timeoutMs = options.timeoutMs ?? REACHABILITY_TIMEOUT_MS;
  const probe = options.armProbe();
  const outcome = await boundedFetch(
    options.url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PROBE_HEADER]: probe.nonce,
        // ngrok's free plan puts an interstitial page in front of browsers; this request is not one.
        'ngrok-skip-browser-warning': '1',
      },
      body: '{}',
      redirect: 'manual',
    },
    { fetch: options.fetch, timeoutMs, maxBytes: MAX_PROBE_ANSWER_BYTES },
  );
  const done = (state: 'reachable' | 'unreachable', message: string): Reachability => ({ state, message, checkedAt: options.now().toISOString() });
  switch (outcome.kind) {
    case 'timeout':
      return done('unreachable', `No answer through the public URL: timed out after ${formatSeconds(timeoutMs)} s.`);
    case 'unreachable':
    case 'cut':
      return done('unreachable', `The public URL could not be reached (${outcome.code || 'connection failed'}).`);
    case 'too-large':
    case 'http': {
      // An answer too large to be the listener's is some other server's page.
      const mine = outcome.kind === 'http' && bodyText(outcome) === probe.expected;
      if (outcome.status === 200 && mine) return done('reachable', 'Webhook reachable: payment notices can reach this counter.');
      if (outcome.status === 200) return done('unreachable', 'The public URL reached another server, not this counter. Check the address.');
      if (outcome.status >= 300 && outcome.status < 400) {
        return done('unreachable', `The public URL redirects (HTTP ${outcome.status}); the gateway will not follow it. Use the final address.`);
      }
      return done('unreachable', `The tunnel answered ${outcome.status} instead of this counter; the public URL does not lead here.`);
    }
  }
}
