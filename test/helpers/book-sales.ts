// Sales for the tests of the books (Z-reports, refunds, accepted underpayments): written through the
// store with their events, at a given moment of a shop day, with a tip, a crypto amount asked and
// (when money arrived) received.
import { PosEvents } from '../../electron/pos/events';
import { newSaleId } from '../../electron/pos/ids';
import type { OwnerActionDeps } from '../../electron/pos/owner/owner-actions';
import type { Ledger } from '../../electron/pos/store/ledger';
import type { Sale, SaleStatus } from '../../shared/sale';

export interface BookSale {
  at: Date;
  status: SaleStatus;
  amountMinor: number;
  tipMinor?: number;
  currency?: string;
  sandbox?: boolean;
  /** The crypto the invoice asked (default: the amount / 100 with six decimals, "12.500000"). */
  asked?: string;
  /** The crypto that arrived; default: the amount asked on a paid sale, none otherwise. */
  received?: string | null;
  cashier?: string | null;
  reviewReason?: Sale['reviewReason'];
}

export function bookSale(ledger: Ledger, sale: BookSale): Sale {
  const at = sale.at.toISOString();
  const asked = sale.asked ?? `${Math.floor(sale.amountMinor / 100)}.${String(sale.amountMinor % 100).padStart(2, '0')}0000`;
  const received = sale.received === undefined ? (sale.status === 'paid' ? asked : null) : sale.received;
  return ledger.insertSale(
    {
      id: newSaleId(sale.at),
      status: sale.status,
      amountMinor: sale.amountMinor,
      currency: sale.currency ?? 'EUR',
      note: '',
      sandbox: sale.sandbox ?? false,
      blockchain: 'tether-trc20',
      requestId: null,
      webhookUrl: null,
      tipMinor: sale.tipMinor ?? 0,
      cashier: sale.cashier ?? null,
      patch: {
        invoiceId: `inv-${newSaleId(sale.at).slice(-12)}`,
        cryptoAmount: asked,
        cryptoSymbol: 'USDT',
        ...(received !== null ? { paidCryptoAmount: received, paidAt: at, txHash: `0x${'ab'.repeat(32)}` } : {}),
        ...(sale.reviewReason ? { reviewReason: sale.reviewReason } : {}),
      },
    },
    at,
    { cause: 'seeded by a test' },
  );
}

/** What the owner's actions need, on a clock the test moves. */
export function ownerDeps(ledger: Ledger, now: () => Date): OwnerActionDeps {
  return { ledger, events: new PosEvents(), now };
}
