// Electron entry (bundled to dist/electron/main.cjs). Lifecycle only; the logic is in lifecycle.ts.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { startCore } from './pos/core';
import { runMain } from './lifecycle';

runMain({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session }, { startCore });

// Ctrl-C or a service stop: leave through before-quit so the webhook listener and database close.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
