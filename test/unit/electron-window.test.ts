import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { createPosWindow, denyAllPermissions, guardWebContents, posWebPreferences } from '../../electron/shell/window';
import { createMainDouble, FakeWebContents } from '../helpers/electron-double';

const PRELOAD = '/app/dist/electron/preload.cjs';

function guarded(): FakeWebContents {
  const contents = new FakeWebContents();
  guardWebContents(contents as unknown as WebContents);
  return contents;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the register window', () => {
  it('spells out every security flag', () => {
    expect(posWebPreferences({ preloadPath: PRELOAD, devTools: false })).toEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('is created with those preferences, hidden until painted, and guarded', () => {
    const { electron, windows } = createMainDouble();
    const window = createPosWindow(electron.BrowserWindow, { preloadPath: PRELOAD, devTools: true });
    const fake = windows[0]!;
    expect(window).toBe(fake);
    expect(fake.options.webPreferences).toEqual(posWebPreferences({ preloadPath: PRELOAD, devTools: true }));
    expect(fake.options.show).toBe(false);
    expect(fake.webContents.windowOpenHandler).not.toBeNull();
    fake.emit('ready-to-show');
    expect(fake.actions).toContain('show');
  });
});

describe('web contents guards', () => {
  it('denies every window.open, whatever the url', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const contents = guarded();
    for (const url of ['https://evil.example/', 'app://counter/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    'prevents %s to a foreign url and allows the app origin',
    (eventName) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const contents = guarded();
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:4180/',
        'file:///etc/passwd',
        'app://counter.evil/index.html',
        'app://evil/?app://counter',
        'javascript:alert(1)',
        'not a url',
      ]) {
        expect(contents.attemptNavigation(eventName, url), url).toBe(true);
      }
      expect(contents.attemptNavigation(eventName, 'app://counter/index.html')).toBe(false);
      expect(contents.attemptNavigation(eventName, 'app://counter/index.html#/history')).toBe(false);
    },
  );

  it('refuses to attach a <webview>', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(guarded().attemptWebviewAttach('https://evil.example/')).toBe(true);
  });

  it('guards a web contents once, however often it is asked', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const contents = guarded();
    guardWebContents(contents as unknown as WebContents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    contents.attemptNavigation('will-navigate', 'https://evil.example/');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  function deniedSession() {
    const { permissions } = createMainDouble();
    const session = {
      setPermissionRequestHandler: (handler: never) => (permissions.request = handler),
      setPermissionCheckHandler: (handler: never) => (permissions.check = handler),
      setDevicePermissionHandler: (handler: never) => (permissions.device = handler),
    };
    denyAllPermissions(session as unknown as Session);
    return permissions;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial'])(
    'answers a %s request with callback(false)',
    (permission) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const permissions = deniedSession();
      const callback = vi.fn();
      permissions.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('answers every permission check with false, even for the app origin', () => {
    const permissions = deniedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write']) {
      expect(permissions.check!({}, permission, 'app://counter', {})).toBe(false);
    }
  });

  it('denies device access (USB, HID, serial)', () => {
    expect(deniedSession().device!({ deviceType: 'usb', origin: 'app://counter' })).toBe(false);
  });
});
