// A minimal application menu. macOS needs the app and edit menus for Quit, Copy and Paste to work
// at all; elsewhere the edit menu keeps the usual shortcuts discoverable. Reload and DevTools
// only exist in a development run.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Opens the customer display window (issue 12). */
  openDisplay?: () => void;
}

export function posMenuTemplate(platform: NodeJS.Platform, development: boolean, actions: MenuActions = {}): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'editMenu' });
  const { openDisplay } = actions;
  if (openDisplay) {
    template.push({ label: 'Counter', submenu: [{ label: 'Customer display', accelerator: 'CmdOrCtrl+Shift+D', click: () => openDisplay() }] });
  }
  if (development) {
    template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  }
  template.push({ role: 'windowMenu' });
  return template;
}
