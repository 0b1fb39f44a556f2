// The Settings screen's methods: read the settings (secrets only as "set, ends in …") and change them.
import type { Blockchain } from '../../../shared/mitilena';
import { ok } from '../../../shared/result';
import { defineMethods, type MethodGroup } from '../registry';
import type { OwnerSettings } from './owner-settings';

export function settingsMethods(settings: OwnerSettings, chainNote: (blockchain: Blockchain) => string | null): MethodGroup<'getSettings' | 'updateSettings'> {
  const view = () => settings.view(chainNote(settings.current.blockchain));
  return defineMethods({
    getSettings: async () => ok(view()),
    // Answered once the new settings are in force everywhere (gateway, tunnel, explorers).
    updateSettings: async (update) => {
      const applied = await settings.update(update);
      return applied.ok ? ok(view()) : applied;
    },
  });
}
