// PosApi inside the Electron window: the preload's window.pos, with every answer read by the same
// parser as browser mode's, and an invoke that fails reported as a lost answer instead of a throw.
import type { PosApi, PosEventName, PosEventPayload } from '../../shared/api';
import { fail } from '../../shared/result';
import { methodsCalling, readEvent, readReply, type Call } from './reply';
import type { Bridge } from './types';

export const IPC_NO_ANSWER_MESSAGE =
  "The counter's answer was lost on the way to this screen; it may have done what was asked. Try again.";

export function createIpcBridge(preloaded: PosApi): Bridge {
  const call: Call = async (method, args) => {
    let raw: unknown;
    try {
      raw = await (preloaded[method] as (args: unknown) => Promise<unknown>)(args);
    } catch {
      return fail('no-answer', IPC_NO_ANSWER_MESSAGE);
    }
    return readReply(method, raw);
  };

  function on<E extends PosEventName>(event: E, listener: (payload: PosEventPayload<E>) => void): () => void {
    return preloaded.on(event, (payload: unknown) => {
      const checked = readEvent(event, payload);
      if (checked) listener(checked);
    });
  }

  // IPC has no connection to lose: nothing to report.
  return { pos: { ...methodsCalling(call), on }, carrier: 'ipc', watchConnection: () => () => {} };
}
