// Sale updates applied once per frame: at 50 sales a second the stores and React see one batch per
// frame (the latest copy of each sale) instead of one state change per event. A hidden tab gets no
// animation frames, so a timer flushes too: the state never lags far and the batch never grows.
// One kind of update does not wait for the frame: the sale on the cashier's screen (`urgent`), whose
// Paid the cashier and customer are watching for; waiting for the next frame was half of the notice →
// "Paid" on screen time (bench `paid-on-screen`). It goes at once, with whatever waited before it.
import type { Sale } from '../shared/sale';

const FALLBACK_FLUSH_MS = 100;

export function frameBatcher(apply: (sales: Sale[]) => void, urgent: (sale: Sale) => boolean = () => false): { add: (sale: Sale) => void; stop: () => void } {
  const pending = new Map<string, Sale>();
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    apply(batch);
  }

  return {
    add(sale) {
      // The latest copy of a sale replaces an older one still waiting, in its latest place.
      pending.delete(sale.id);
      pending.set(sale.id, sale);
      if (urgent(sale)) {
        flush();
        return;
      }
      if (frame === null && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
      if (timer === null) timer = setTimeout(flush, typeof requestAnimationFrame === 'function' ? FALLBACK_FLUSH_MS : 0);
    },
    stop() {
      flush();
    },
  };
}
