// A loopback stand-in for "the public internet side" of a tunnel or reverse proxy: it forwards
// every request to a target origin (the webhook listener), or fails the way a real proxy does.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyBehaviour = { kind: 'forward' } | { kind: 'status'; status: number; body?: string } | { kind: 'hang' };

export interface PublicProxy {
  /** e.g. http://127.0.0.1:PORT — what the app is told is its public base URL. */
  url: string;
  /** Where requests go, e.g. the listener's http://127.0.0.1:PORT; null answers 502. */
  target: string | null;
  behaviour: ProxyBehaviour;
  /** Paths of every request that came through. */
  seen: string[];
  close(): Promise<void>;
}

export async function startPublicProxy(target: string | null = null): Promise<PublicProxy> {
  const proxy: Omit<PublicProxy, 'url' | 'close'> = { target, behaviour: { kind: 'forward' }, seen: [] };
  const server = createServer((incoming, outgoing) => {
    proxy.seen.push(incoming.url ?? '');
    const behaviour = proxy.behaviour;
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'status' || !proxy.target) {
      const status = behaviour.kind === 'status' ? behaviour.status : 502;
      incoming.resume();
      outgoing.writeHead(status, { 'content-type': 'text/html' }).end(behaviour.kind === 'status' && behaviour.body !== undefined ? behaviour.body : `<html><body>${status} Bad Gateway</body></html>`);
      return;
    }
    const to = new URL(proxy.target);
    const forwarded = httpRequest(
      { host: to.hostname, port: to.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: to.host }, agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('bad gateway');
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(proxy, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
