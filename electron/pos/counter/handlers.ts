// The register's methods for the customer display and the customer receipt (issue 12). Opening a
// display window, printing silently and listing printers are the host's (Electron); browser mode
// hands out the display's link instead and prints through the browser's own dialog.
import type { PaperWidth } from '../../../shared/counter';
import { fail, ok } from '../../../shared/result';
import { defineMethods, type MethodGroup } from '../registry';
import type { Ledger } from '../store/ledger';
import type { CustomerDisplay } from './display';

/** What only the host can do for the counter. */
export interface CounterHost {
  /** Electron: opens (or brings forward) the customer display window. */
  openDisplay?: () => Promise<void>;
  /** Browser mode: the customer display's link (it carries the display's own token). */
  displayLink?: () => string | null;
  /** Electron: prints the focused page silently on `printer` (null: the default printer). */
  printSilently?: (page: { paper: PaperWidth; heightMm: number }, printer: string | null) => Promise<boolean>;
  listPrinters?: () => Promise<{ name: string; isDefault: boolean }[]>;
}

export type CounterHandlers = MethodGroup<'getDisplay' | 'setCurrentSale' | 'openCustomerDisplay' | 'printReceipt' | 'listPrinters'>;

export function counterMethods(deps: { ledger: Ledger; display: CustomerDisplay; host: CounterHost; printer: () => string | null }): CounterHandlers {
  const { display, host } = deps;
  return defineMethods({
    getDisplay: async () => ok(display.view()),
    setCurrentSale: async ({ saleId }) => {
      if (saleId !== null && !deps.ledger.getSale(saleId)) return fail('not-found', 'There is no such sale');
      return ok(display.show(saleId));
    },
    openCustomerDisplay: async () => {
      if (host.openDisplay) {
        await host.openDisplay();
        return ok({ opened: true, url: null });
      }
      const url = host.displayLink?.() ?? null;
      return url ? ok({ opened: false, url }) : fail('not-ready', 'This counter has no customer display to open');
    },
    printReceipt: async (page) => {
      if (!host.printSilently) return fail('not-ready', "Use the browser's print dialog");
      return ok({ printed: await host.printSilently(page, deps.printer()) });
    },
    listPrinters: async () => ok({ printers: host.listPrinters ? await host.listPrinters() : [] }),
  });
}
