import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  isAppOrigin,
  registerAppProtocol,
  registerAppScheme,
  resolveRendererFile,
} from '../../electron/shell/app-protocol';

describe('isAppOrigin', () => {
  it.each(['app://counter/', 'app://counter/index.html', 'app://counter/x?y=1#z', 'app://counter'])(
    'accepts the app origin: %s',
    (url) => {
      expect(isAppOrigin(url)).toBe(true);
    },
  );

  it.each([
    'app://counter.evil/',
    'app://evil/?app://counter',
    'app://evil/app://counter/',
    'https://counter/',
    'http://counter/index.html',
    'file:///counter/index.html',
    'file://counter/index.html',
    'app://counter@evil/',
    'app://user:pass@counter/',
    'app://counter:8080/',
    'app://counte/',
    'app://evilcounter/',
    'app:counter',
    'APP://evil/',
    'javascript:alert(1)//app://counter/',
    'about:blank',
    'data:text/html,app://counter/',
    'devtools://devtools/bundled/app://counter',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppOrigin(url)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, { toString: () => 'app://counter/' }]) {
      expect(isAppOrigin(value)).toBe(false);
    }
  });
});

describe('the app:// scheme', () => {
  it('is registered as standard, secure and fetchable; never CORS-readable or CSP-exempt', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('sends the strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });
});

describe('the app:// request handler', () => {
  let root: string;
  let rendererDir: string;
  let serve: (request: Request) => Promise<Response>;
  const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'counter-protocol-'));
    rendererDir = path.join(root, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Counter</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(path.join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
    // A file next to the renderer directory: reaching it would be a traversal.
    writeFileSync(path.join(root, 'secret.txt'), 'the api key');
    mkdirSync(path.join(root, 'renderer-evil'));
    writeFileSync(path.join(root, 'renderer-evil', 'x.js'), 'evil');
    serve = createAppRequestHandler(rendererDir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html with its content type, the CSP header and nosniff', async () => {
    const response = await get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Counter</title>');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('app://counter/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Counter</title>');
  });

  it.each([
    ['app://counter/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://counter/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://counter/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (url, type) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(APP_ENTRY_URL, 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://counter/../secret.txt',
    'app://counter/../../etc/passwd',
    'app://counter/%2e%2e/secret.txt',
    'app://counter/%2E%2E/%2e%2e/etc/passwd',
    'app://counter/..%2fsecret.txt',
    'app://counter/%2e%2e%2fsecret.txt',
    'app://counter/assets/..%2f..%2fsecret.txt',
    'app://counter/..%5csecret.txt',
    'app://counter/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://counter/%2e%2e%2frenderer-evil%2fx.js',
    'app://counter/index.html%00.js',
    'app://counter/%E0%A4%A',
    'app://counter/assets',
    'app://counter/missing.js',
    'app://evil/index.html',
    'app://counter.evil/index.html',
  ])('refuses %s with 404', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('the api key');
    expect(body).not.toContain('root:');
    expect(body).not.toContain('evil');
  });

  it('never resolves a path outside the renderer directory', () => {
    for (const url of [
      'app://counter/..%2fsecret.txt',
      'app://counter/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://counter/%2e%2e%2frenderer-evil%2fx.js',
      'app://x@counter/index.html',
      'https://counter/index.html',
    ]) {
      expect(resolveRendererFile(rendererDir, url)).toBeNull();
    }
    expect(resolveRendererFile(rendererDir, 'app://counter/assets/index-abc.js')).toBe(
      path.join(rendererDir, 'assets', 'index-abc.js'),
    );
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    expect((await get(APP_ENTRY_URL, 'PUT')).status).toBe(405);
  });

  it('is registered for the app scheme', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
    registerAppProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) }, rendererDir);
    expect([...handlers.keys()]).toEqual(['app']);
    expect((await handlers.get('app')!(new Request(APP_ENTRY_URL))).status).toBe(200);
  });
});
