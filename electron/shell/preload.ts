// Sandboxed preload: the only bridge between the register page and the main process. It exposes
// window.pos (PosApi) and nothing else: no ipcRenderer, no process, no generic on(channel).
import { contextBridge, ipcRenderer } from 'electron';
import { createPosBridge } from './bridge';

contextBridge.exposeInMainWorld('pos', createPosBridge(ipcRenderer));
