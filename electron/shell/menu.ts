// A minimal application menu. macOS needs the app and edit menus for Quit, Copy and Paste to work
// at all; elsewhere the edit menu keeps the usual shortcuts discoverable. Reload and DevTools
// only exist in a development run.
import type { MenuItemConstructorOptions } from 'electron';

export function posMenuTemplate(platform: NodeJS.Platform, development: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'editMenu' });
  if (development) {
    template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  }
  template.push({ role: 'windowMenu' });
  return template;
}
