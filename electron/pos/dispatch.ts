// The one place where an untrusted method call (IPC or HTTP) becomes a typed call into the core:
// the method name is checked against POS_METHODS and the arguments parsed by its schema.
import { POS_METHODS, type PosArgs, type PosEventName, type PosEventPayload, type PosMethodName, type PosValue } from '../../shared/api';
import { fail, type Result } from '../../shared/result';

export type PosHandlers = {
  [M in PosMethodName]: (args: PosArgs<M>) => Promise<Result<PosValue<M>>>;
};

export type PosEventListener<E extends PosEventName> = (payload: PosEventPayload<E>) => void;

/** What a host (Electron IPC or browser-mode HTTP) needs from the core. */
export interface PosCore {
  handlers: PosHandlers;
  on<E extends PosEventName>(event: E, listener: PosEventListener<E>): () => void;
}

export function isPosMethod(name: string): name is PosMethodName {
  return Object.prototype.hasOwnProperty.call(POS_METHODS, name);
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Parses `rawArgs` with the method's schema and runs it; bad input gets a clear error and changes nothing. */
export async function dispatch(core: PosCore, name: string, rawArgs: unknown): Promise<Result<unknown>> {
  if (!isPosMethod(name)) return fail('not-found', `There is no method called ${JSON.stringify(name.slice(0, 64))}`);
  const parsed = POS_METHODS[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return fail('invalid-input', `Invalid arguments for ${name}: ${describeIssues(parsed.error.issues)}`);
  const handler = core.handlers[name] as (args: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(parsed.data);
  } catch (error) {
    // A bug must not leak a stack (or anything in it) to the renderer.
    console.error(`[pos] ${name} failed:`, error instanceof Error ? error.message : 'unknown error');
    return fail('internal', 'Something went wrong inside the app; nothing was charged. Try again.');
  }
}
