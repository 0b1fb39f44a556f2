// The one place where PosApi's methods meet their handlers, in the style of Actual Budget's
// createApp().method(): each domain declares the methods it answers with defineMethods, and
// combineMethods puts them together, refusing a name answered twice or a method nobody answers.
import { POS_METHOD_NAMES, type PosMethodName } from '../../shared/api';
import type { PosHandlers } from './dispatch';

/** Some of PosApi's methods, as one domain answers them. */
export type MethodGroup<M extends PosMethodName = PosMethodName> = Readonly<Pick<PosHandlers, M>>;

export function defineMethods<M extends PosMethodName>(methods: Pick<PosHandlers, M>): MethodGroup<M> {
  return Object.freeze({ ...methods });
}

export class DuplicateMethodError extends Error {
  override name = 'DuplicateMethodError';
}

/** Every method of PosApi answered exactly once; throws naming the method otherwise. */
export function combineMethods(...groups: Partial<PosHandlers>[]): PosHandlers {
  const handlers: Partial<Record<PosMethodName, unknown>> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group) as [PosMethodName, unknown][]) {
      if (name in handlers) throw new DuplicateMethodError(`The method ${name} is answered twice`);
      handlers[name] = handler;
    }
  }
  const missing = POS_METHOD_NAMES.filter((name) => !(name in handlers));
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
  const unknown = Object.keys(handlers).filter((name) => !(POS_METHOD_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Handlers for methods PosApi does not have: ${unknown.join(', ')}`);
  return Object.freeze(handlers) as PosHandlers;
}
