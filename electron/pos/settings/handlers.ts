// The Settings screen's methods: read the settings (secrets only as "set, ends in …") and change them.
import type { Blockchain } from '../../../shared/mitilena';
import { ok } from '../../../shared/result';
import { DEFAULT_CALL_CONTEXT, type CallContext } from '../dispatch';
import { defineMethods, type MethodGroup } from '../registry';
import type { OwnerSettings } from './owner-settings';

export function settingsMethods(
  settings: OwnerSettings,
  chainNote: (blockchain: Blockchain) => string | null,
  /** The owner's PIN was set, changed or removed by this caller. */
  onOwnerPinChanged: (context: CallContext) => void = () => undefined,
): MethodGroup<'getSettings' | 'updateSettings'> {
  const view = () => settings.view(chainNote(settings.current.blockchain));
  return defineMethods({
    getSettings: async () => ok(view()),
    // Answered once the new settings are in force everywhere (gateway, tunnel, explorers).
    updateSettings: async (update, context = DEFAULT_CALL_CONTEXT) => {
      const applied = await settings.update(update);
      if (!applied.ok) return applied;
      if (applied.value.ownerPinChanged) onOwnerPinChanged(context);
      return ok(view());
    },
  });
}
