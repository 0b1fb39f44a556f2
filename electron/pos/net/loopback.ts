// The guard of every server bound to 127.0.0.1 that a browser can reach (browser mode's UI, the
// sandbox gateway's payment page): only our own loopback names. A page on another name that its
// DNS resolves to 127.0.0.1 (DNS rebinding) is refused, and so is a request from another origin.

/** The Host header names this server: 127.0.0.1:<port> or localhost:<port>, nothing else. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** No Origin (not a cross-site request), or this server's own loopback origin. */
export function isLoopbackOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
