// The one place where an untrusted method call (IPC or HTTP) becomes a typed call into the core:
// the method name is checked against POS_METHODS and the arguments parsed by its schema.
import { POS_METHODS, type PosArgs, type PosEventName, type PosEventPayload, type PosMethodName, type PosValue } from '../../shared/api';
import { fail, type Result } from '../../shared/result';

/**
 * Who is calling. Each Electron window and each browser tab is a session of its own (what an owner's
 * unlock or a cashier's sign-in belongs to); the role says what the caller may do at all.
 */
export interface CallContext {
  /** Stable for one window (Electron) or one tab (browser mode). */
  session: string;
  /** 'counter': the register and the owner's desk; 'display': a customer display, which only watches. */
  role: 'counter' | 'display';
}

/** What a call carries when its host names no session (tests, tools). */
export const DEFAULT_CALL_CONTEXT: CallContext = Object.freeze({ session: 'default', role: 'counter' });

/** A browser tab's own session id, as its page sends it in SESSION_HEADER. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The context is left out only by callers inside the process (tests, tools): they act as DEFAULT_CALL_CONTEXT. */
export type PosHandlers = {
  [M in PosMethodName]: (args: PosArgs<M>, context?: CallContext) => Promise<Result<PosValue<M>>>;
};

export type PosEventListener<E extends PosEventName> = (payload: PosEventPayload<E>) => void;

/** What a host (Electron IPC or browser-mode HTTP) needs from the core. */
export interface PosCore {
  handlers: PosHandlers;
  on<E extends PosEventName>(event: E, listener: PosEventListener<E>): () => void;
}

/** What a customer display may call: it watches (issue 12); anything else is refused before parsing. */
export const DISPLAY_METHODS: ReadonlySet<PosMethodName> = new Set<PosMethodName>(['getStatus', 'getDisplay']);

/** Whether a caller in this role may call the method at all. */
export function mayCall(role: CallContext['role'], name: PosMethodName): boolean {
  return role === 'counter' || DISPLAY_METHODS.has(name);
}

export const DISPLAY_REFUSAL = 'A customer display can only watch the current sale';

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
export async function dispatch(core: PosCore, name: string, rawArgs: unknown, context: CallContext = DEFAULT_CALL_CONTEXT): Promise<Result<unknown>> {
  if (!isPosMethod(name)) return fail('not-found', `There is no method called ${JSON.stringify(name.slice(0, 64))}`);
  if (!mayCall(context.role, name)) return fail('unauthorized', DISPLAY_REFUSAL);
  const parsed = POS_METHODS[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return fail('invalid-input', `Invalid arguments for ${name}: ${describeIssues(parsed.error.issues)}`);
  const handler = core.handlers[name] as (args: unknown, context: CallContext) => Promise<Result<unknown>>;
  try {
    return await handler(parsed.data, context);
  } catch (error) {
    // A bug must not leak a stack (or anything in it) to the renderer.
    console.error(`[pos] ${name} failed:`, error instanceof Error ? error.message : 'unknown error');
    return fail('internal', 'Something went wrong inside the app; nothing was charged. Try again.');
  }
}
