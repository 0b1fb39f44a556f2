// The self-check: the app POSTs, through its public webhook URL, to its own listener with a one-time
// nonce only that listener can answer. Proves DNS, TLS, the tunnel or proxy and the path, end to end.
import type { z } from 'zod';
import type { ReachabilitySchema } from '../../../shared/api';
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
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? REACHABILITY_TIMEOUT_MS;
  const probe = options.armProbe();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const done = (state: 'reachable' | 'unreachable', message: string): Reachability => ({ state, message, checkedAt: options.now().toISOString() });
  const seconds = timeoutMs % 1000 === 0 ? String(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1);
  try {
    const response = await fetchFn(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PROBE_HEADER]: probe.nonce,
        // ngrok's free plan puts an interstitial page in front of browsers; this request is not one.
        'ngrok-skip-browser-warning': '1',
      },
      body: '{}',
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await readSmall(response);
    if (response.status === 200 && text === probe.expected) return done('reachable', 'Webhook reachable: payment notices can reach this counter.');
    if (response.status === 200) return done('unreachable', 'The public URL reached another server, not this counter. Check the address.');
    if (response.status >= 300 && response.status < 400) {
      return done('unreachable', `The public URL redirects (HTTP ${response.status}); the gateway will not follow it. Use the final address.`);
    }
    return done('unreachable', `The tunnel answered ${response.status} instead of this counter; the public URL does not lead here.`);
  } catch (error) {
    if (controller.signal.aborted) return done('unreachable', `No answer through the public URL: timed out after ${seconds} s.`);
    return done('unreachable', `The public URL could not be reached (${causeCode(error) || 'connection failed'}).`);
  } finally {
    clearTimeout(timer);
  }
}

async function readSmall(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const step = await reader.read();
    if (step.done) break;
    total += step.value.byteLength;
    if (total > MAX_PROBE_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}
