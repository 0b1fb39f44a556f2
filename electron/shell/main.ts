// Electron entry (bundled to dist/electron/main.cjs). Lifecycle only; the logic is in lifecycle.ts.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { createElectronOwnerHost } from './owner-host';
import { startCore } from '../pos/core';
import { createAppLogger } from '../pos/logs/logger';
import { runMain } from './lifecycle';
import { createElectronSecretStore } from './secrets-electron';
import { updateFeed } from './update-decision';
import { startUpdates } from './updates';

runMain(
  // `screen` is only read after ready (where the customer display goes).
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, get screen() { return screen; } },
  {
    startCore,
    // The API key and the ngrok authtoken, encrypted with the OS keychain through safeStorage.
    openSecrets: (userDataDir) => createElectronSecretStore({ safeStorage, userDataDir, log: (line) => console.log(`[secrets] ${line}`) }),
    // Explorer links in the system browser, receipts as PDF and CSV exports through save dialogs.
    ownerHost: (currentWindow) => createElectronOwnerHost<BrowserWindow>({ shell, dialog, currentWindow, defaultDirectory: () => app.getPath('documents') }),
    // <userData>/logs: one JSON record a line, secrets redacted; the console still shows each line.
    openLogger: (dataDir) => createAppLogger({ dataDir, echo: (line) => console.log(`[counter] ${line}`) }),
    // An error nobody caught: logged, and the register offers a restart instead of vanishing.
    crashSignals: process,
    // An installed app checks its feed (electron-builder.yml's publish, or MITILENA_UPDATE_FEED) at start and daily.
    startUpdates: ({ log, openSales }) =>
      startUpdates({ updater: () => autoUpdater, feed: updateFeed({ isPackaged: app.isPackaged, env: process.env }), currentVersion: app.getVersion(), log, openSales }),
  },
);

// Ctrl-C or a service stop: leave through before-quit so the webhook listener and database close.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
