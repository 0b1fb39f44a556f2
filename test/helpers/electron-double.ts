// A stand-in for the parts of Electron the main process and the preload use. The Electron binary
// cannot run in this environment, so these doubles follow Electron's documented behaviour
// (events carry preventDefault, quit emits before-quit, a second ipcMain.handle on a channel
// throws, session.defaultSession is unusable before ready) closely enough to test the wiring.
import { EventEmitter } from 'node:events';
import type { ElectronMain } from '../../electron/shell/lifecycle';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(fields: T = {} as T): FakeEvent & T {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
  get top(): FakeWebFrame {
    return this.parent ? this.parent.top : this;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeWebFrame('');
  destroyed = false;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** Fires a navigation event the way Electron does; true when a listener prevented it. */
  attemptNavigation(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: eventName !== 'will-frame-navigate' });
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
  attemptWebviewAttach(src: string): boolean {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return event.defaultPrevented;
  }
}

/** The invoke event ipcMain hands a handler: the sending web contents and frame. */
export function invokeEvent(sender: FakeWebContents, senderFrame: FakeWebFrame | null = sender.mainFrame): object {
  return { sender, senderFrame, processId: 1, frameId: 1 };
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: object, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: object, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: object, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export interface MainDoubleOptions {
  gotLock?: boolean;
  isPackaged?: boolean;
  appPath?: string;
  userData?: string;
  /** Makes every BrowserWindow.loadURL reject with this error. */
  loadFailure?: Error;
}

export function createMainDouble(options: MainDoubleOptions = {}) {
  let ready = false;
  const calls = {
    quit: 0,
    exits: [] as number[],
    enableSandbox: 0,
    lockRequests: 0,
    readyAtSchemeRegistration: null as boolean | null,
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as { window: unknown; options: { message: string; buttons?: string[] } }[],
    relaunches: 0,
    menus: [] as unknown[],
  };

  class FakeApp extends EventEmitter {
    isPackaged = options.isPackaged ?? false;
    quitted = false;
    requestSingleInstanceLock(): boolean {
      calls.lockRequests += 1;
      return options.gotLock ?? true;
    }
    enableSandbox(): void {
      if (ready) throw new Error('enableSandbox must be called before ready');
      calls.enableSandbox += 1;
    }
    whenReady(): Promise<void> {
      ready = true;
      return Promise.resolve();
    }
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return options.userData ?? '/fake/user-data';
    }
    getAppPath(): string {
      return options.appPath ?? '/fake/app';
    }
    /** Like Electron: emits before-quit, and only quits if nobody prevented it. */
    quit(): void {
      calls.quit += 1;
      const event = fakeEvent();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) {
        this.quitted = true;
        for (const window of windows) window.close();
      }
    }
    relaunch(): void {
      calls.relaunches += 1;
    }
    exit(code = 0): void {
      calls.exits.push(code);
      this.quitted = true;
    }
  }
  const app = new FakeApp();

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    minimized = false;
    destroyed = false;
    readonly actions: string[] = [];
    constructor(public readonly options: { webPreferences?: Record<string, unknown>; show?: boolean }) {
      super();
      windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      if (options.loadFailure) throw options.loadFailure;
      this.webContents.mainFrame.url = url;
      this.emit('ready-to-show');
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
      this.actions.push('restore');
    }
    show(): void {
      this.actions.push('show');
    }
    focus(): void {
      this.actions.push('focus');
    }
    close(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const ipcMain = new FakeIpcMain();

  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    registerSchemesAsPrivileged(customSchemes: unknown[]): void {
      calls.readyAtSchemeRegistration = ready;
      schemes.push(...customSchemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
      if (!ready) throw new Error('protocol.handle before ready');
      protocolHandlers.set(scheme, handler);
    },
  };

  const permissions = {
    request: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void),
    check: null as null | ((contents: unknown, permission: string, origin: string, details: object) => boolean),
    device: null as null | ((details: object) => boolean),
  };
  const defaultSession = {
    setPermissionRequestHandler(handler: typeof permissions.request): void {
      permissions.request = handler;
    },
    setPermissionCheckHandler(handler: typeof permissions.check): void {
      permissions.check = handler;
    },
    setDevicePermissionHandler(handler: typeof permissions.device): void {
      permissions.device = handler;
    },
  };
  const session = {
    get defaultSession() {
      if (!ready) throw new Error('session.defaultSession is not available before ready');
      return defaultSession;
    },
  };

  const Menu = {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: unknown) => {
      calls.menus.push(menu);
    },
  };
  const dialog = {
    showErrorBox: (title: string, content: string) => {
      calls.errorBoxes.push({ title, content });
    },
    /** Like Electron's: with or without a parent window; the test answers by resolving the box. */
    showMessageBox: (...args: unknown[]) => {
      const [window, options] = args.length > 1 ? args : [null, args[0]];
      calls.messageBoxes.push({ window, options: options as { message: string; buttons?: string[] } });
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
  };

  const electron = { app, BrowserWindow: FakeBrowserWindow, ipcMain, protocol, session, Menu, dialog };
  return {
    /** Typed as the lifecycle expects; the doubles implement only what it calls. */
    electron: electron as unknown as ElectronMain,
    app,
    windows,
    ipcMain,
    schemes,
    protocolHandlers,
    permissions,
    calls,
    FakeBrowserWindow,
  };
}

/** The renderer-side module the preload imports: contextBridge and ipcRenderer. */
export function createRendererDouble() {
  const exposed: Record<string, unknown> = {};
  const invocations: { channel: string; args: unknown[] }[] = [];
  class FakeIpcRenderer extends EventEmitter {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      invocations.push({ channel, args });
      return { ok: true, value: { channel } };
    }
  }
  const ipcRenderer = new FakeIpcRenderer();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (key in exposed) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      exposed[key] = api;
    },
  };
  return { contextBridge, ipcRenderer, exposed, invocations };
}
