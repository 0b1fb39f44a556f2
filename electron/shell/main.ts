// Electron entry (bundled to dist/electron/main.cjs). Lifecycle only; the logic is in lifecycle.ts.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import { createElectronOwnerHost } from './owner-host';
import { startCore } from '../pos/core';
import { runMain } from './lifecycle';
import { createElectronSecretStore } from './secrets-electron';

runMain(
  // `screen` is only read after ready (where the customer display goes).
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, get screen() { return screen; } },
  {
    startCore,
    // The API key and the ngrok authtoken, encrypted with the OS keychain through safeStorage.
    openSecrets: (userDataDir) => createElectronSecretStore({ safeStorage, userDataDir, log: (line) => console.log(`[secrets] ${line}`) }),
    // Explorer links in the system browser, receipts as PDF and CSV exports through save dialogs.
    ownerHost: (currentWindow) => createElectronOwnerHost<BrowserWindow>({ shell, dialog, currentWindow, defaultDirectory: () => app.getPath('documents') }),
  },
);

// Ctrl-C or a service stop: leave through before-quit so the webhook listener and database close.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
