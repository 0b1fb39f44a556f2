// A loopback proxy in front of browser mode's HTTP host that can lose what the network loses: a
// method's answer (the call ran, the reply never arrived), the live-updates stream (cut, or
// refused while "down"). It forwards everything else as it came, with the Host and Origin the host
// expects (the page talks to the proxy's own origin).
import { createServer, request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one POST /api/<method>. */
export type CallPlan = 'forward' | 'lose-answer' | { status: number; json: unknown };

export interface CounterProxy {
  /** http://127.0.0.1:PORT, the origin the page or the bridge talks to. */
  url: string;
  /** Every POST /api/<method> that came through: the method and the JSON body. */
  calls: { method: string; body: unknown }[];
  /** How many times the events stream was asked for. */
  eventRequests: number;
  /** Decides each method call; forwards by default. */
  plan: (method: string, body: unknown) => CallPlan;
  /** While true, GET /api/events is answered 503 (the service looks down). */
  refuseEvents: boolean;
  /** Cuts every events stream now open, as a dropped connection does. */
  cutEvents(): void;
  close(): Promise<void>;
}

export async function startCounterProxy(target: string): Promise<CounterProxy> {
  const to = new URL(target);
  const streams = new Set<{ incoming: IncomingMessage; outgoing: ServerResponse; upstream: ClientRequest }>();

  function forward(incoming: IncomingMessage, body: Buffer, onAnswer: (answer: IncomingMessage) => void): ClientRequest {
    // The host refuses a foreign Host or Origin: the proxy speaks as the page at the host's origin would.
    const headers = { ...incoming.headers, host: to.host, ...(incoming.headers.origin ? { origin: to.origin } : {}) };
    delete headers.referer;
    const upstream = httpRequest({ host: to.hostname, port: to.port, method: incoming.method, path: incoming.url, headers, agent: false }, onAnswer);
    upstream.on('error', () => incoming.socket.destroy());
    upstream.end(body);
    return upstream;
  }

  function pipeAnswer(outgoing: ServerResponse) {
    return (answer: IncomingMessage): void => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    };
  }

  const proxy: Omit<CounterProxy, 'url' | 'close'> = {
    calls: [],
    eventRequests: 0,
    plan: () => 'forward',
    refuseEvents: false,
    cutEvents() {
      for (const stream of streams) {
        stream.upstream.destroy();
        stream.outgoing.destroy();
        stream.incoming.socket.destroy();
      }
      streams.clear();
    },
  };

  function serveEvents(incoming: IncomingMessage, outgoing: ServerResponse): void {
    proxy.eventRequests += 1;
    if (proxy.refuseEvents) {
      outgoing.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return;
    }
    const stream = { incoming, outgoing, upstream: forward(incoming, Buffer.alloc(0), pipeAnswer(outgoing)) };
    streams.add(stream);
    outgoing.on('close', () => {
      stream.upstream.destroy();
      streams.delete(stream);
    });
  }

  function serveCall(incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer): void {
    const method = (incoming.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
    proxy.calls.push({ method, body: json });
    const plan = proxy.plan(method, json);
    if (typeof plan === 'object') {
      outgoing.writeHead(plan.status, { 'content-type': 'application/json' }).end(JSON.stringify(plan.json));
      return;
    }
    if (plan === 'forward') {
      forward(incoming, body, pipeAnswer(outgoing));
      return;
    }
    // The call runs to the end on the host; only its answer is lost on the way back.
    forward(incoming, body, (answer) => {
      answer.resume();
      answer.on('end', () => incoming.socket.destroy());
    });
  }

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const path = incoming.url ?? '/';
      if (path.startsWith('/api/events')) return serveEvents(incoming, outgoing);
      if (incoming.method === 'POST' && path.startsWith('/api/')) return serveCall(incoming, outgoing, Buffer.concat(chunks));
      forward(incoming, Buffer.concat(chunks), pipeAnswer(outgoing));
      return undefined;
    });
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
