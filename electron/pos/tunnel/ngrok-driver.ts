// The real tunnel: @ngrok/ngrok in-process, forwarding only the webhook listener's loopback port.
import type { TunnelDriver, TunnelSession } from './manager';

type NgrokModule = typeof import('@ngrok/ngrok');

/** Loaded on first use: a till in sandbox mode never loads the native module at all. */
let loaded: Promise<NgrokModule> | null = null;
function loadNgrok(): Promise<NgrokModule> {
  loaded ??= import('@ngrok/ngrok').then((module) => ((module as { default?: NgrokModule }).default ?? module) as NgrokModule);
  return loaded;
}

export function createNgrokDriver(): TunnelDriver {
  return {
    async forward({ port, authtoken, domain }): Promise<TunnelSession> {
      const ngrok = await loadNgrok();
      const closedCallbacks: ((reason: string) => void)[] = [];
      let closing = false;
      const listener = await ngrok.forward({
        // Only the listener's own port on 127.0.0.1: the UI server is never reachable through here.
        addr: `127.0.0.1:${port}`,
        authtoken,
        ...(domain ? { domain } : {}),
        // Pinned to the app's own settings, never the machine's ngrok config or environment.
        authtoken_from_env: false,
        force_new_session: true,
        onStatusChange: (status: string) => {
          if (status === 'closed' && !closing) for (const callback of closedCallbacks) callback('ngrok lost its connection');
        },
      });
      const url = listener.url();
      if (!url) {
        await listener.close().catch(() => undefined);
        throw new Error('ngrok opened a tunnel without a public URL');
      }
      return {
        url,
        close: async () => {
          closing = true;
          await listener.close();
        },
        onClosed: (callback) => {
          closedCallbacks.push(callback);
        },
      };
    },
  };
}
