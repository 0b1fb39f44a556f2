// The one bridge the stores talk through: installed once at start (main.tsx), or by a test.
import type { PosApi } from '../../shared/api';
import type { Bridge } from './types';

let installed: Bridge | null = null;

export function installBridge(bridge: Bridge): void {
  installed = bridge;
}

export function installedBridge(): Bridge {
  if (!installed) throw new Error('No bridge installed: main.tsx installs one before the first render');
  return installed;
}

/** PosApi, for the stores' actions. */
export function pos(): PosApi {
  return installedBridge().pos;
}
