// Where the gateway must send a sale's notice, and what the owner sees of the tunnel: in the sandbox
// the listener's own loopback URL (the sandbox gateway runs on this computer); in live mode the owner's
// public URL or ngrok's, plus the listener's path. Pure: a function of the facts given.
import type { TunnelMode } from '../settings/stored';
import type { TunnelState } from './manager';

export interface RouteFacts {
  mode: 'sandbox' | 'live';
  tunnelMode: TunnelMode;
  /** The owner's own public base URL ("my own public URL"). */
  publicUrl: string | null;
  hasAuthtoken: boolean;
  /** The tunnel manager's state (ngrok). */
  tunnel: TunnelState;
  listener: { localUrl: string; path: string };
}

export interface NoticeRoute {
  /** Where notices must be sent now; null while live mode has no usable public URL. */
  webhookUrl: string | null;
  /** The tunnel as the owner should see it (off in the sandbox, "your own public URL" when manual). */
  tunnel: TunnelState;
}

function publicBase(facts: RouteFacts): string | null {
  if (facts.tunnelMode === 'manual') return facts.publicUrl;
  if (facts.tunnelMode === 'ngrok') return facts.tunnel.url;
  return null;
}

function tunnelView(facts: RouteFacts): TunnelState {
  if (facts.mode === 'sandbox') return { state: 'off', url: null, message: 'Not needed in sandbox mode: notices come from this computer.' };
  if (facts.tunnelMode === 'manual') return { state: 'online', url: facts.publicUrl, message: 'your own public URL' };
  if (facts.tunnelMode === 'off') return { state: 'off', url: null, message: 'Tunnel off: payment notices cannot reach this counter.' };
  if (!facts.hasAuthtoken) return { state: 'error', url: null, message: 'No ngrok authtoken: add it in Settings (free at ngrok.com), or use your own public URL.' };
  return facts.tunnel;
}

export function noticeRoute(facts: RouteFacts): NoticeRoute {
  if (facts.mode === 'sandbox') return { webhookUrl: facts.listener.localUrl, tunnel: tunnelView(facts) };
  const base = publicBase(facts);
  return { webhookUrl: base === null ? null : `${base}${facts.listener.path}`, tunnel: tunnelView(facts) };
}
