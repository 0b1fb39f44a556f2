// Saving the owner's PIN and the cashiers (the Settings screen's access part): each its own update,
// behind the owner's PIN like every settings change. The answer refreshes the Settings view and this
// window's access (setting a PIN keeps the window that set it unlocked).
import type { SettingsView } from '../../shared/api';
import type { PosError } from '../../shared/result';
import { pos } from '../bridge/installed';
import { useSettings } from '../desk/settings-store';
import { loadAccess, withOwner } from './store';

export interface CashierRow {
  /** Known cashiers keep their id (and their PIN unless a new one is typed); new rows have none. */
  id: string | null;
  name: string;
  pin: string;
}

export function cashierRows(view: SettingsView): CashierRow[] {
  return view.access.cashiers.map((cashier) => ({ id: cashier.id, name: cashier.name, pin: '' }));
}

async function save(update: Parameters<ReturnType<typeof pos>['updateSettings']>[0]): Promise<PosError | null> {
  const result = await withOwner(() => pos().updateSettings(update));
  if (!result.ok) return result.error;
  useSettings.setState({ view: result.value });
  await loadAccess();
  return null;
}

/** A new owner PIN, or null to remove it. */
export function saveOwnerPin(pin: string | null): Promise<PosError | null> {
  return save({ ownerPin: pin });
}

export function saveCashiers(rows: readonly CashierRow[]): Promise<PosError | null> {
  return save({
    cashiers: rows.map((row) => ({ ...(row.id ? { id: row.id } : {}), name: row.name.trim(), ...(row.pin ? { pin: row.pin } : {}) })),
  });
}
