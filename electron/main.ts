// Electron entry (bundled to dist/electron/main.cjs). Lifecycle only; the logic is in lifecycle.ts.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { startCore } from './pos/core';
import { runMain } from './lifecycle';
import { createElectronSecretStore } from './secrets-electron';

runMain(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session },
  {
    startCore,
    // The API key and the ngrok authtoken, encrypted with the OS keychain through safeStorage.
    openSecrets: (userDataDir) => createElectronSecretStore({ safeStorage, userDataDir, log: (line) => console.log(`[secrets] ${line}`) }),
  },
);

// Ctrl-C or a service stop: leave through before-quit so the webhook listener and database close.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
