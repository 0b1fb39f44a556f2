// One read an owner's view shows: the answer for the arguments on screen (answers for older ones
// are dropped), read again on a revision, right away or shortly after a burst of sale updates.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Result } from '../../shared/result';

export interface ReadState<V> {
  /** The arguments on screen, as a key; null while the view is closed. */
  key: string | null;
  /** The last answer and the key it answers; a view shows it only while that key is still on screen. */
  answer: { key: string; result: Result<V> } | null;
}

export interface Reader<A, V> {
  useRead: UseBoundStore<StoreApi<ReadState<V>>>;
  /** Shows and reads `args`, also when they are on screen already (a revision); null closes the view. */
  show(args: A | null): void;
  /** The arguments on screen, or null. */
  showing(): A | null;
  /** Reads again now. */
  refresh(): void;
  /** Reads again after `delayMs`; several calls within it cost one read. */
  refreshSoon(delayMs: number): void;
}

export function createReader<A, V>(read: (args: A) => Promise<Result<V>>): Reader<A, V> {
  const useRead = create<ReadState<V>>()(() => ({ key: null, answer: null }));
  let args: A | null = null;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stopTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function load(): Promise<void> {
    const { key } = useRead.getState();
    if (args === null || key === null) return;
    const asked = ++generation;
    const result = await read(args);
    if (asked === generation) useRead.setState({ answer: { key, result } });
  }

  return {
    useRead,
    show(next) {
      stopTimer();
      args = next;
      if (next === null) {
        generation += 1; // an answer still on its way is for a closed view
        useRead.setState({ key: null, answer: null });
        return;
      }
      useRead.setState({ key: JSON.stringify(next) });
      void load();
    },
    showing: () => args,
    refresh() {
      stopTimer();
      void load();
    },
    refreshSoon(delayMs) {
      if (args === null) return;
      stopTimer();
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, delayMs);
    },
  };
}

/** What a view shows of a reader: the answer for the key on screen, or null while it is read. */
export function shownAnswer<V>(state: ReadState<V>): Result<V> | null {
  return state.answer && state.answer.key === state.key ? state.answer.result : null;
}
