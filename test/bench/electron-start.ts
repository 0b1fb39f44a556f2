// The desktop app's start, for the start bench: the Electron binary cannot run here, so a child process
// (dist/bench-electron-start.js) runs the real lifecycle (electron/shell/lifecycle.ts) with the Electron double and the real core on
// the given data folder, and says FIRST_SCREEN once the register window would show its first screen:
// the window was given app://counter/index.html (loadURL), the page and its script and style were
// served by the real app:// handler, and the page's first call (getStatus) was answered over IPC.
// Not measured: Chromium's own parse and paint of the page (the double has no renderer).
import { dirname, join } from 'node:path';
import { startCore } from '../../electron/pos/core';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../electron/shell/app-protocol';
import { runMain } from '../../electron/shell/lifecycle';
import { channelFor } from '../../shared/api';
import { createMainDouble, invokeEvent } from '../helpers/electron-double';

export const FIRST_SCREEN_LINE = 'FIRST_SCREEN';

export async function electronStartChild(dataDir: string): Promise<void> {
  // dist/bench-electron-start.js: the repository is one folder up, where the lifecycle finds dist/renderer.
  const double = createMainDouble({ appPath: join(dirname(process.argv[1] as string), '..'), userData: dataDir, isPackaged: true });
  const run = runMain(double.electron, { startCore, platform: 'linux' });
  process.once('SIGTERM', () => double.app.quit());
  await run.started;
  const register = double.windows[0];
  const serve = double.protocolHandlers.get('app');
  if (!register?.loadedUrls.includes(APP_ENTRY_URL) || !serve) throw new Error(`the register did not load its page: ${JSON.stringify(double.calls.errorBoxes)}`);
  const page = await (await serve(new Request(APP_ENTRY_URL))).text();
  for (const [, asset] of page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const response = await serve(new Request(`${APP_ORIGIN}${asset}`));
    if (!response.ok) throw new Error(`app://counter${asset as string}: ${response.status}`);
    await response.arrayBuffer();
  }
  const status = (await double.ipcMain.invoke(channelFor('getStatus'), invokeEvent(register.webContents), {})) as { ok: boolean };
  if (!status.ok) throw new Error(`getStatus: ${JSON.stringify(status)}`);
  console.log(FIRST_SCREEN_LINE);
  // Closed by the parent (SIGTERM → quit → the core closes), as Electron's main closes on a quit.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (!double.app.quitted) return;
      clearInterval(check);
      resolve();
    }, 10);
  });
}
