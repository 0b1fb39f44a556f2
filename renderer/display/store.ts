// What the customer display shows (issue 12): the view the core sends (shop, language, the
// register's current sale), read at start and after a dropped connection, then kept by events.
import { create } from 'zustand';
import type { DisplayView } from '../../shared/counter';
import type { PosError } from '../../shared/result';
import { pos } from '../bridge/installed';
import { setUiLanguage } from '../i18n/locale';

export interface DisplayState {
  view: DisplayView | null;
  error: PosError | null;
  connected: boolean;
}

export const useDisplay = create<DisplayState>()(() => ({ view: null, error: null, connected: true }));

export function showDisplayView(view: DisplayView): void {
  setUiLanguage(view.language);
  useDisplay.setState({ view, error: null });
}

export async function loadDisplay(): Promise<void> {
  const result = await pos().getDisplay({});
  if (result.ok) showDisplayView(result.value);
  else useDisplay.setState({ error: result.error });
}

export function setDisplayConnected(connected: boolean): void {
  useDisplay.setState({ connected });
}
