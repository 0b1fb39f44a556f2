// Carries PosApi over Electron IPC: one ipcMain.handle per method in POS_METHOD_NAMES, and one
// core subscription per event in POS_EVENT_NAMES, all on channels spelled by channelFor().
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { POS_EVENT_NAMES, POS_METHOD_NAMES, channelFor, type PosEventName } from '../../shared/api';
import { fail, type Result } from '../../shared/result';
import { dispatch, type PosCore } from '../pos/dispatch';
import { isAppOrigin } from './app-protocol';

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;
type RegisterContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'getURL'>;
type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Whether an IPC call comes from the register itself: the top frame (not an iframe, even a
 * same-origin one) of the register's own web contents, currently showing app://counter.
 * senderFrame is null when the frame navigated away or was destroyed mid-call; that is refused.
 */
export function isTrustedSender(event: SenderEvent, registerContentsId: number): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (event.sender.id !== registerContentsId) return false;
  return isAppOrigin(frame.url);
}

function describeSender(event: SenderEvent): string {
  const frame = event.senderFrame;
  if (!frame) return 'a destroyed frame';
  try {
    return `${frame.parent === null ? 'top frame' : 'subframe'} at ${new URL(frame.url).origin}`;
  } catch {
    return 'a frame with no usable url';
  }
}

/** What the customer display window is sent (issue 12): what it shows, nothing else. */
const DISPLAY_EVENTS: ReadonlySet<PosEventName> = new Set<PosEventName>(['display-changed']);

/** The role a trusted sender plays: the register's window, the customer display's, or neither. */
function roleOf(event: SenderEvent, register: RegisterContents, display: () => RegisterContents | null): 'counter' | 'display' | null {
  if (isTrustedSender(event, register.id)) return 'counter';
  const shown = display();
  return shown && !shown.isDestroyed() && isTrustedSender(event, shown.id) ? 'display' : null;
}

/** Sale data only goes to the app's own page; never to a closed window or a foreign page. */
function deliver(contents: RegisterContents | null, channel: string, payload: unknown): void {
  if (!contents || contents.isDestroyed() || !isAppOrigin(contents.getURL())) return;
  contents.send(channel, payload);
}

/**
 * Registers every PosApi method and forwards every core event to the register window, and the
 * display's events to the customer display window while there is one (issue 12: its calls get the
 * 'display' role, which only watches). Returns a dispose function that removes the handlers and
 * unsubscribes from the core.
 */
export function registerPosIpc(ipcMain: IpcRegistry, core: PosCore, register: RegisterContents, display: () => RegisterContents | null = () => null): () => void {
  const channels = POS_METHOD_NAMES.map((name) => {
    const channel = channelFor(name);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown): Promise<Result<unknown>> => {
      // Checked before anything else: a foreign sender gets no parsing and no core call.
      const role = roleOf(event, register, display);
      if (!role) {
        console.warn(`[ipc] refused ${name} from ${describeSender(event)}`);
        return fail('unauthorized', 'This request did not come from the Mitilena Counter window.');
      }
      // One window, one session: the owner's unlock and a cashier's sign-in belong to it.
      return dispatch(core, name, args, { session: `window-${event.sender.id}`, role });
    });
    return channel;
  });

  const unsubscribes = POS_EVENT_NAMES.map((eventName) => {
    const channel = channelFor(eventName);
    return core.on(eventName, (payload) => {
      deliver(register, channel, payload);
      if (DISPLAY_EVENTS.has(eventName)) deliver(display(), channel, payload);
    });
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    for (const channel of channels) ipcMain.removeHandler(channel);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
