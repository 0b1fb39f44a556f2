// Which books the owner's desk shows (issue 15): this counter's own, or the whole shop's from the
// shop ledger. "Whole shop" is offered only when the core can read it (status.wholeShop), and is
// owner-only: its reads go through withOwner, so a locked counter asks for the PIN first.
import { create } from 'zustand';
import type { DeskScope } from '../../shared/api';
import type { Result } from '../../shared/result';
import { withOwner } from '../access/store';
import { pos } from '../bridge/installed';
import { useCounter } from '../store';
import { createReader } from './reader';

export const useScopeChoice = create<{ scope: DeskScope }>()(() => ({ scope: 'counter' }));

export function chooseScope(scope: DeskScope): void {
  useScopeChoice.setState({ scope });
}

/** The scope in force: the choice, unless the whole shop cannot be read (no owner URL), then this counter. */
export function useDeskScope(): DeskScope {
  const wholeShop = useCounter((state) => state.status?.wholeShop ?? false);
  const scope = useScopeChoice((state) => state.scope);
  return wholeShop ? scope : 'counter';
}

/** A desk read in `scope`: the whole shop's through the owner's PIN; this counter's as it always was. */
export function inScope<T>(scope: DeskScope | undefined, call: () => Promise<Result<T>>): Promise<Result<T>> {
  return scope === 'shop' ? withOwner(call) : call();
}

/** `{ scope: 'shop' }` for the whole shop, nothing for this counter (its calls stay as they were). */
export const scopeArg = (scope: DeskScope | undefined): { scope?: 'shop' } => (scope === 'shop' ? { scope: 'shop' } : {});

/** The counters in the shop ledger and when each last sent its sales: how current the whole shop's figures are. */
export const shopCountersReader = createReader((_args: { all: true }) => withOwner(() => pos().shopCounters({})));
