// The words `npm start` uses when a download fails (scripts/start-failure.mjs, and the reading of
// node-gyp's log in scripts/electron-native.mjs): short, one paragraph, the network's own answer.
import { describe, expect, it } from 'vitest';

interface StartFailureModule {
  StartFailure: new (headline: string, remedy: string) => Error & { remedy: string };
  downloadFailure(failure: { what: string; url: string; reason: string; remedy: string }): Error & { remedy: string };
  describeNetworkError(error: unknown): string;
  explainStartFailure(failure: Error & { remedy: string }): string;
}
interface ElectronNativeModule {
  gypFailureReason(output: string): string | null;
  buildsFromSource(env: Record<string, string | undefined>): boolean;
}

// Plain .mjs scripts without type declarations: loaded by URL and given their shape here.
const failures = (await import(new URL('../../scripts/start-failure.mjs', import.meta.url).href)) as StartFailureModule;
const native = (await import(new URL('../../scripts/electron-native.mjs', import.meta.url).href)) as ElectronNativeModule;

describe("npm start's failure paragraph", () => {
  const failure = failures.downloadFailure({
    what: "Electron's binary (electron-v45.5.0-linux-x64.zip)",
    url: 'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip',
    reason: 'getaddrinfo ENOTFOUND github.com',
    remedy: 'To fix it, set ELECTRON_MIRROR.',
  });

  it('says what failed, from where, why, how to fix it, and that npm run serve works now, in one paragraph', () => {
    const text = failures.explainStartFailure(failure);
    expect(text.split('\n').every((line) => line.length <= 100 && line.trim() !== '')).toBe(true);
    const flat = text.replace(/\n/g, ' ');
    expect(flat).toContain(
      "npm start stopped: Electron's binary (electron-v45.5.0-linux-x64.zip) could not be downloaded from https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip (getaddrinfo ENOTFOUND github.com).",
    );
    expect(flat).toContain('Nothing was left half-installed');
    expect(flat).toContain('To fix it, set ELECTRON_MIRROR.');
    expect(flat).toContain('npm run serve runs the same app in your browser now');
  });

  it("gives the network's own answer, not fetch's wrapper", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(failures.describeNetworkError(new TypeError('fetch failed', { cause: refused }))).toBe('connect ECONNREFUSED 127.0.0.1:9');
    const both = new AggregateError([new Error('connect ECONNREFUSED ::1:9'), new Error('connect ECONNREFUSED 127.0.0.1:9')], '');
    expect(failures.describeNetworkError(new TypeError('fetch failed', { cause: both }))).toBe('connect ECONNREFUSED ::1:9');
    expect(failures.describeNetworkError(new Error('Response code 404 (Not Found) for http://mirror/x.zip'))).toBe('Response code 404 (Not Found) for http://mirror/x.zip');
  });

  it("reads node-gyp's log down to its message, and names a host that was not found", () => {
    const refused = [
      'gyp http GET http://127.0.0.1:43373/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! install error ',
      'gyp ERR! stack Error: connect ECONNREFUSED 127.0.0.1:43373',
      'gyp ERR! stack at download (/x/node-gyp/lib/download.js:19:17)',
    ].join('\n');
    expect(native.gypFailureReason(refused)).toBe('connect ECONNREFUSED 127.0.0.1:43373');
    // What node-gyp 12 logs for ENOTFOUND, as seen on a machine without access to electronjs.org.
    const notFound = [
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad',
      'gyp ERR! stack network settings.',
      'gyp ERR! stack at go (/x/node-gyp/lib/install.js:244:21)',
    ].join('\n');
    expect(native.gypFailureReason(notFound)).toBe('host not found (ENOTFOUND)');
    expect(native.gypFailureReason('gyp ERR! stack Error: 404 response downloading https://mirror/headers/v45.5.0/node-v45.5.0-headers.tar.gz\ngyp ERR! stack at go (x)')).toBe(
      '404 response downloading https://mirror/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
    );
    expect(native.gypFailureReason('nothing logged')).toBeNull();
  });

  it('compiles from source when npm_config_build_from_source is true or names better-sqlite3', () => {
    expect(native.buildsFromSource({ npm_config_build_from_source: 'true' })).toBe(true);
    expect(native.buildsFromSource({ npm_config_build_from_source: 'better-sqlite3' })).toBe(true);
    expect(native.buildsFromSource({ npm_config_build_from_source: 'sharp' })).toBe(false);
    expect(native.buildsFromSource({})).toBe(false);
  });
});
