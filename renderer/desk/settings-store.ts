// The Settings screen's state: what the core holds, the form, and the answers to saving and to
// "Check webhook". Saved settings take effect at once; the status bar follows through loadStatus().
import { create } from 'zustand';
import type { SettingsView } from '../../shared/api';
import type { PosError } from '../../shared/result';
import { withOwner } from '../access/store';
import { pos } from '../bridge/installed';
import { loadStatus } from '../store';
import type { CounterForm } from './counter-form';
import { changedSettings, formFromView, SECRET_FIELDS, type SettingsForm, type SettingsUpdate } from './settings-form';

export type SecretName = (typeof SECRET_FIELDS)[number];

export interface SettingsState {
  view: SettingsView | null;
  form: SettingsForm | null;
  loadError: PosError | null;
  saveError: PosError | null;
  saved: string | null;
  busy: boolean;
  checking: boolean;
}

const CLOSED: SettingsState = { view: null, form: null, loadError: null, saveError: null, saved: null, busy: false, checking: false };

export const useSettings = create<SettingsState>()(() => CLOSED);

const { getState, setState } = useSettings;
// Each opening of the screen reads afresh; an answer for an earlier opening is dropped.
let opened = 0;

export async function openSettings(): Promise<void> {
  const asked = ++opened;
  setState(CLOSED);
  const result = await pos().getSettings({});
  if (asked !== opened) return;
  if (!result.ok) setState({ loadError: result.error });
  else setState({ view: result.value, form: formFromView(result.value) });
}

export function closeSettings(): void {
  opened += 1;
}

export function setSettingsField<K extends keyof SettingsForm>(name: K, value: SettingsForm[K]): void {
  const { form } = getState();
  if (form) setState({ form: { ...form, [name]: value } });
}

/** One of the counter's own settings (issue 12). */
export function setCounterField<K extends keyof CounterForm>(name: K, value: CounterForm[K]): void {
  const { form } = getState();
  if (form) setState({ form: { ...form, counter: { ...form.counter, [name]: value } } });
}

/** Electron: the printers this computer knows (none in browser mode). */
export async function loadPrinters(): Promise<{ name: string; isDefault: boolean }[]> {
  const result = await pos().listPrinters({});
  return result.ok ? result.value.printers : [];
}

/** Electron opens the display window; browser mode answers with the display's link to open elsewhere. */
export async function openCustomerDisplay(): Promise<{ url: string | null; error: string | null }> {
  const result = await pos().openCustomerDisplay({});
  return result.ok ? { url: result.value.url, error: null } : { url: null, error: result.error.message };
}

async function send(update: SettingsUpdate, keepForm: boolean): Promise<void> {
  if (Object.keys(update).length === 0) return setState({ saved: 'Nothing changed.' });
  setState({ busy: true, saveError: null, saved: null });
  const result = await withOwner(() => pos().updateSettings(update));
  if (!result.ok) return setState({ busy: false, saveError: result.error });
  const { form } = getState();
  const emptySecrets = Object.fromEntries(SECRET_FIELDS.map((name) => [name, '']));
  setState({
    busy: false,
    view: result.value,
    form: keepForm && form ? { ...form, ...emptySecrets } : formFromView(result.value),
    saved: 'Saved. The counter uses the new settings now.',
  });
  void loadStatus();
}

/** Sends only what the owner changed. */
export function saveSettings(): Promise<void> {
  const { view, form } = getState();
  return view && form ? send(changedSettings(view, form), false) : Promise.resolve();
}

/** Removes one stored secret; the rest of the form stays as typed. */
export function removeSecret(name: SecretName): Promise<void> {
  return send({ [name]: null }, true);
}

export async function checkWebhook(): Promise<void> {
  setState({ checking: true });
  await pos().checkReachability({});
  await loadStatus();
  setState({ checking: false });
}
