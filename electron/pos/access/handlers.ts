// The access methods of PosApi, and the one gate every owner-only method passes: with an owner PIN
// set, it answers 'owner-locked' until the caller's window (or tab) unlocked it.
import type { PosMethodName } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import { DEFAULT_CALL_CONTEXT, type PosHandlers } from '../dispatch';
import { defineMethods, type MethodGroup } from '../registry';
import type { AccessControl } from './sessions';

/** What only the owner may do once an owner PIN is set. */
export const OWNER_ONLY_METHODS = ['updateSettings', 'voidSale', 'markPaid', 'resolveReview', 'refundSale', 'exportCsv', 'closeDay', 'exportDiagnostics', 'shopCounters'] as const satisfies readonly PosMethodName[];

/** Open to the counter for its own books, owner-only for the whole shop's (issue 15: every till's sales). */
export const OWNER_ONLY_IN_SHOP_SCOPE = ['historyPage', 'historySummary', 'dayClose', 'listDayCloses', 'getDayClose'] as const satisfies readonly PosMethodName[];

const inShopScope = (args: unknown): boolean => typeof args === 'object' && args !== null && (args as { scope?: unknown }).scope === 'shop';

export const OWNER_LOCKED_MESSAGE = 'Only the owner can do this: enter the owner’s PIN to unlock.';

export function accessMethods(access: AccessControl): MethodGroup<'getAccess' | 'unlockOwner' | 'lockOwner' | 'signInCashier' | 'signOutCashier'> {
  return defineMethods({
    getAccess: async (_args, context = DEFAULT_CALL_CONTEXT) => ok(access.state(context)),
    unlockOwner: async ({ pin }, context = DEFAULT_CALL_CONTEXT) => access.unlockOwner(context, pin),
    lockOwner: async (_args, context = DEFAULT_CALL_CONTEXT) => ok(access.lockOwner(context)),
    signInCashier: async ({ pin }, context = DEFAULT_CALL_CONTEXT) => access.signInCashier(context, pin),
    signOutCashier: async (_args, context = DEFAULT_CALL_CONTEXT) => ok(access.signOutCashier(context)),
  });
}

/** The handlers with the owner-only ones behind the owner's PIN; an allowed call restarts the idle time. */
export function guardOwnerMethods(handlers: PosHandlers, access: AccessControl): PosHandlers {
  const guarded: Partial<Record<PosMethodName, unknown>> = { ...handlers };
  const gated = [...OWNER_ONLY_METHODS.map((name) => [name, () => true] as const), ...OWNER_ONLY_IN_SHOP_SCOPE.map((name) => [name, inShopScope] as const)];
  for (const [name, applies] of gated) {
    const handler = handlers[name] as (args: unknown, context?: typeof DEFAULT_CALL_CONTEXT) => Promise<unknown>;
    guarded[name] = async (args: unknown, context = DEFAULT_CALL_CONTEXT) => {
      if (!applies(args)) return handler(args, context);
      if (!access.ownerMay(context)) return fail('owner-locked', OWNER_LOCKED_MESSAGE);
      access.ownerActed(context);
      return handler(args, context);
    };
  }
  return Object.freeze(guarded) as PosHandlers;
}
