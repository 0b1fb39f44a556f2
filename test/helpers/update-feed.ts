// A loopback update feed as electron-builder lays one out for a generic server (latest*.yml beside
// the installers), and a real electron-updater DebUpdater pointed at it from plain Node: its Electron
// pieces replaced by an app double and Node's http (the Electron binary cannot run here). Installing
// is recorded instead of run: the one step a test must never take for real (dpkg as root).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RequestOptions } from 'node:https';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

export type FeedAnswer = { kind: 'release'; version: string } | { kind: 'status'; status: number } | { kind: 'garbage' };

export interface UpdateFeed {
  url: string;
  answer: FeedAnswer;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

const INSTALLER = Buffer.from('not really a .deb: what the test feed serves as the installer');

export function installerName(version: string): string {
  return `mitilena-counter_${version}_amd64.deb`;
}

function releaseYml(version: string): string {
  const sha512 = createHash('sha512').update(INSTALLER).digest('base64');
  const file = installerName(version);
  return `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${sha512}\n    size: ${INSTALLER.length}\npath: ${file}\nsha512: ${sha512}\nreleaseDate: '2026-11-20T10:00:00.000Z'\n`;
}

export async function startUpdateFeed(answer: FeedAnswer = { kind: 'release', version: '0.2.0' }): Promise<UpdateFeed> {
  const feed = { answer, requests: [] as string[] };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    feed.requests.push(path);
    const current = feed.answer;
    if (/^\/latest[\w-]*\.yml$/.test(path)) {
      if (current.kind === 'status') return void res.writeHead(current.status).end('feed trouble');
      if (current.kind === 'garbage') return void res.writeHead(200, { 'content-type': 'text/yaml' }).end('<html>this is a login page</html>');
      return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(releaseYml(current.version));
    }
    if (current.kind === 'release' && path === `/${installerName(current.version)}`) {
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': INSTALLER.length }).end(INSTALLER);
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(feed, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

/** electron-updater's HTTP through Node's http module (in the app it is Electron's net module). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  /** As ElectronHttpExecutor.download does it, on Node's http. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      const callback = (error: Error | null | undefined): void => (error == null ? resolve(destination) : reject(error));
      this.doDownload(requestOptions, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const outgoing = request(options);
    outgoing.on('response', callback);
    return outgoing;
  }
}

class RecordingDebUpdater extends DebUpdater {
  readonly installs: unknown[] = [];
  protected override doInstall(options: Parameters<DebUpdater['doInstall']>[0]): boolean {
    this.installs.push(options);
    return true;
  }
}

export interface TestUpdater {
  updater: RecordingDebUpdater;
  /** Quits the "app": electron-updater's quit handlers run, as on Electron's quit event. */
  quit(): void;
}

/** A packaged app at `version` whose app-update.yml (as electron-builder writes it) names `feedUrl`. */
export function testUpdater(dir: string, feedUrl: string, version = '0.1.0'): TestUpdater {
  const configFile = join(dir, 'app-update.yml');
  writeFileSync(configFile, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: mitilena-counter-updater\n`);
  const quitHandlers: ((exitCode: number) => void)[] = [];
  const app: AppAdapter = {
    version,
    name: 'mitilena-counter',
    isPackaged: true,
    appUpdateConfigPath: configFile,
    userDataPath: dir,
    baseCachePath: dir,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: (handler) => void quitHandlers.push(handler),
  };
  const updater = new RecordingDebUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  return { updater, quit: () => quitHandlers.forEach((handler) => handler(0)) };
}
