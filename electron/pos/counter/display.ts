// The register's current sale and the customer display that follows it (issue 12). The core knows
// the current sale (a charge makes it current; the register's "New sale" clears it), so a display
// in another window or tab shows what the register shows, told by 'display-changed' events.
import type { DisplaySale, DisplayView, UiLanguage } from '../../../shared/counter';
import type { Sale } from '../../../shared/sale';
import type { PosEvents } from '../events';
import type { Ledger } from '../store/ledger';

export interface DisplayOptions {
  ledger: Ledger;
  events: PosEvents;
  /** The shop's name and the UI language now (they may change in Settings). */
  shop: () => { shopName: string; language: UiLanguage };
}

/** Only what a customer needs to see: no note, no address, no review detail. */
export function displaySale(sale: Sale): DisplaySale {
  const { id, status, amountMinor, tipMinor, currency, blockchain, paymentPage, cryptoAmount, cryptoSymbol, sandbox } = sale;
  return { id, status, amountMinor, tipMinor, currency, blockchain, paymentPage, cryptoAmount, cryptoSymbol, sandbox };
}

export class CustomerDisplay {
  private currentSaleId: string | null = null;
  private last = '';

  constructor(private readonly options: DisplayOptions) {}

  view(): DisplayView {
    const sale = this.currentSaleId ? this.options.ledger.getSale(this.currentSaleId) : null;
    return { ...this.options.shop(), sale: sale ? displaySale(sale) : null };
  }

  /** The register's current sale (null: the register starts a new one and the display idles). */
  show(saleId: string | null): DisplayView {
    this.currentSaleId = saleId;
    return this.announce();
  }

  isCurrent(saleId: string): boolean {
    return saleId === this.currentSaleId;
  }

  /** Tells every display what it shows now, once per change. */
  announce(): DisplayView {
    const view = this.view();
    const text = JSON.stringify(view);
    if (text !== this.last) {
      this.last = text;
      this.options.events.emit('display-changed', view);
    }
    return view;
  }
}
