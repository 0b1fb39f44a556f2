// Where the webhook listener listens: the port of the last run, so invoices still pending from before a
// restart keep a live webhook URL; a port given at start; or, when the remembered one is taken, another
// one, unless notices are promised to that port (the owner's own reverse proxy), which stops the start.
import { newToken } from '../ids';
import type { Ledger } from '../store/ledger';
import { startWebhookListener, type WebhookListener } from './listener';

export class WebhookPortTakenError extends Error {
  override name = 'WebhookPortTakenError';
}

export interface ListenOptions {
  ledger: Ledger;
  /** --webhook-port: this port or nothing. */
  port?: number;
  /** Live mode behind the owner's own public URL: the proxy, and every pending invoice, point at one fixed port. */
  portIsPromised: boolean;
  log?: (line: string) => void;
}

const inUse = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

export async function listenForNotices(options: ListenOptions): Promise<WebhookListener> {
  const { ledger, log } = options;
  const token = ledger.installValue('webhook_token', newToken);
  const remembered = Number(ledger.getMeta('webhook_port') ?? '0');
  const port = options.port ?? remembered;
  const listener = await startWebhookListener({ token, port, log }).catch(async (error: unknown) => {
    if (!inUse(error) || port === 0) throw error;
    if (options.port !== undefined) {
      throw new WebhookPortTakenError(`The webhook port ${port} (--webhook-port) is taken by another program; stop it or choose another port.`, { cause: error });
    }
    if (options.portIsPromised) {
      // Another program on our port would receive the notices (and the API key they carry) of
      // every invoice still pending: stop rather than move away from it silently.
      throw new WebhookPortTakenError(
        `The webhook port ${port} is taken by another program. Your reverse proxy ("my own public URL") forwards payment notices ` +
          `to 127.0.0.1:${port}, and invoices still pending point there, so the counter will not start on another port: ` +
          `that program would receive those notices. Stop the program using port ${port}, or start with --webhook-port N and point your proxy at it.`,
        { cause: error },
      );
    }
    // ngrok follows the listener to its new port; the sandbox's notices go to the local URL.
    log?.(`webhook: port ${port} is taken, using another; invoices still pending from before will not reach this counter`);
    return startWebhookListener({ token, port: 0, log });
  });
  ledger.setMeta('webhook_port', String(listener.port));
  return listener;
}
