// The cashier's use cases. Side effects (clock, gateway, ids) come in as parameters so every rule
// runs in Node tests against a real SQLite file.
import type { PosArgs } from '../../shared/api';
import type { Blockchain, Language } from '../../shared/mitilena';
import { parseAmount } from '../../shared/money';
import { fail, ok, type Result } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import type { ChainConfirmer } from './chain-watch';
import type { PosHandlers } from './dispatch';
import type { PosEvents } from './events';
import type { GatewayClient } from './gateway/client';
import { newSaleId } from './ids';
import { receiveNotice, type NoticeAnswer } from './notices';
import type { SalesStore } from './store/sales';

export interface SaleSettings {
  currency: string;
  blockchain: Blockchain;
  language: Language;
  shopName: string;
}

/** What a sale is made with at this moment; settings may change between two sales. */
export interface SaleRuntime {
  settings: SaleSettings;
  mode: 'sandbox' | 'live';
  gateway: GatewayClient;
  /** The key notices must carry: the merchant's API key, or the sandbox's own key. */
  noticeKey: string;
  /** Where the gateway must send this sale's notice; null while there is no usable public URL. */
  webhookUrl: string | null;
  /** Null when Charge may go ahead; otherwise a sentence saying why not and how to fix it. */
  chargeBlockedReason: string | null;
}

export interface ServiceOptions {
  store: SalesStore;
  events: PosEvents;
  runtime: () => SaleRuntime;
  now?: () => Date;
  /** Checks a paid notice's transaction on the blockchain, after the notice was answered. */
  chain?: ChainConfirmer;
  log?: (line: string) => void;
}

export type SaleHandlers = Pick<PosHandlers, 'startSale' | 'cancelSale' | 'getSale' | 'listSales'>;

export class PosService {
  readonly handlers: SaleHandlers;
  private readonly now: () => Date;

  constructor(private readonly options: ServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.handlers = {
      startSale: (args) => this.startSale(args),
      cancelSale: async ({ saleId }) => this.cancelSale(saleId),
      getSale: async ({ saleId }) => this.getSale(saleId),
      listSales: async (query) => ok(this.options.store.listSales(query)),
    };
  }

  on: PosEvents['on'] = (event, listener) => this.options.events.on(event, listener);

  private announce(sale: Sale | null): void {
    if (sale) this.options.events.emit('sale-updated', sale);
  }

  async startSale(args: PosArgs<'startSale'>): Promise<Result<Sale>> {
    const { store } = this.options;
    if (args.requestId) {
      // A double-press or a resent request: the first sale stands, nothing is charged twice.
      const earlier = store.getSaleByRequestId(args.requestId);
      if (earlier) return ok(earlier);
    }
    const runtime = this.options.runtime();
    const { settings, gateway, webhookUrl } = runtime;
    if (runtime.chargeBlockedReason !== null || webhookUrl === null) {
      return fail('not-ready', runtime.chargeBlockedReason ?? 'There is no public webhook URL yet, so a payment notice could not reach this counter. Nothing was charged.');
    }
    const amount = parseAmount(args.amount, settings.currency);
    if (!amount.ok) return fail('invalid-input', amount.message);
    const created = this.now();
    const sale = store.insertSale(
      {
        id: newSaleId(created),
        status: 'creating',
        amountMinor: amount.minor,
        currency: settings.currency,
        note: (args.note ?? '').trim(),
        sandbox: runtime.mode === 'sandbox',
        blockchain: settings.blockchain,
        requestId: args.requestId ?? null,
        webhookUrl,
      },
      created.toISOString(),
      { cause: 'cashier charged', detail: { amount: args.amount, mode: runtime.mode } },
    );
    this.announce(sale);

    const invoice = await gateway.createInvoice({
      saleId: sale.id,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      blockchain: sale.blockchain,
      language: settings.language,
      webhookUrl,
    });
    const at = this.now().toISOString();
    if (!invoice.ok) {
      const failed = store.transition(sale.id, ['creating'], 'failed', at, { failure: invoice.error.message }, { cause: 'invoice not created', detail: invoice.error });
      this.announce(failed);
      return ok(failed ?? (store.getSale(sale.id) as Sale));
    }
    const { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt } = invoice.value;
    const invoicePatch = { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt };
    let updated: Sale | null;
    try {
      updated = store.transition(sale.id, ['creating'], 'pending', at, invoicePatch, { cause: 'invoice created', detail: invoicePatch });
      // Cancelled while the gateway was answering: keep the invoice so a late payment still matches.
      updated ??= store.transition(sale.id, ['cancelled'], null, at, invoicePatch, { cause: 'invoice created after cancel', detail: invoicePatch });
    } catch (error) {
      const message = 'Mitilena Pay returned an invoice id this counter already used; nothing was charged. Try again.';
      updated = store.transition(sale.id, ['creating'], 'failed', at, { failure: message }, { cause: 'invoice not created', detail: { message, error: String(error) } });
    }
    this.announce(updated);
    return ok(updated ?? (store.getSale(sale.id) as Sale));
  }

  cancelSale(saleId: string): Result<Sale> {
    const { store } = this.options;
    const sale = store.getSale(saleId);
    if (!sale) return fail('not-found', 'There is no such sale');
    if (sale.status === 'cancelled') return ok(sale);
    const cancelled = store.transition(saleId, ['creating', 'pending'], 'cancelled', this.now().toISOString(), {}, { cause: 'cashier cancelled' });
    if (!cancelled) {
      const now = store.getSale(saleId) as Sale;
      return fail('invalid-state', `This sale is already ${now.status} and cannot be cancelled`);
    }
    this.announce(cancelled);
    return ok(cancelled);
  }

  getSale(saleId: string): Result<Sale> {
    const sale = this.options.store.getSale(saleId);
    return sale ? ok(sale) : fail('not-found', 'There is no such sale');
  }

  /** Entry point of the webhook listener. */
  receiveNotice(signature: string | undefined, body: unknown): NoticeAnswer {
    const runtime = this.options.runtime();
    const answer = receiveNotice(
      { store: this.options.store, apiKey: runtime.noticeKey, sandbox: runtime.mode === 'sandbox', blockchain: runtime.settings.blockchain, now: this.now, log: this.options.log },
      signature,
      body,
    );
    this.announce(answer.changed);
    if (answer.changed?.status === 'paid' && answer.changed.txHash) this.options.chain?.paidByNotice(answer.changed);
    return answer;
  }

  /**
   * Sales left 'creating' by a previous run that stopped (a crash, a power cut) while waiting for the
   * gateway: the cashier never saw a QR, so nobody can have paid them. Run once at start.
   */
  failInterrupted(): Sale[] {
    const { store } = this.options;
    const at = this.now().toISOString();
    const failure = 'The app stopped while this invoice was being created; nothing was charged. Charge again if needed.';
    const failed: Sale[] = [];
    for (const sale of store.listSales({ status: 'creating', limit: 1000 })) {
      const updated = store.transition(sale.id, ['creating'], 'failed', at, { failure }, { cause: 'interrupted while creating the invoice' });
      if (updated) failed.push(updated);
    }
    return failed;
  }

  /** Marks pending sales whose invoice ran out as expired; run on a timer and at start. */
  expireDue(): Sale[] {
    const { store } = this.options;
    const at = this.now().toISOString();
    const expired: Sale[] = [];
    for (const sale of store.salesDueToExpire(at)) {
      const updated = store.transition(sale.id, ['pending'], 'expired', at, {}, { cause: 'invoice expired', detail: { expiresAt: sale.expiresAt } });
      if (updated) expired.push(updated);
      this.announce(updated);
    }
    return expired;
  }
}
