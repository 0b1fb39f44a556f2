// The cashier's use cases. Side effects (clock, gateway, ids) come in as parameters so every rule
// runs in Node tests against a real SQLite file.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PosArgs } from '../../../shared/api';
import type { Blockchain, Language } from '../../../shared/mitilena';
import { MAX_AMOUNT_MINOR, parseAmount } from '../../../shared/money';
import { fail, ok, type Result } from '../../../shared/result';
import type { Sale } from '../../../shared/sale';
import type { CoreEvents } from '../core-events';
import { DEFAULT_CALL_CONTEXT, type CallContext } from '../dispatch';
import type { PosEvents } from '../events';
import type { GatewayClient, Invoice } from '../gateway/client';
import { newSaleId } from '../ids';
import { defineMethods, type MethodGroup } from '../registry';
import type { Ledger } from '../store/ledger';
import type { KeyFingerprints, KeysNow } from '../webhook/notice-keys';
import { receiveNotice, type NoticeAnswer } from '../webhook/record-notice';

/** Sales expired in one transaction (one fsync): about 5–8 ms of the loop on the bench VM; 50 held it 17–35 ms. */
export const EXPIRY_BATCH_SALES = 20;

/** The gateway's payment link lives 14 days; a day more covers clocks and late notices. */
const INVOICE_KEY_KEPT_MS = 15 * 24 * 60 * 60 * 1000;

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
  /** The key the gateway client signs invoices with now; its fingerprint is recorded on each sale. */
  invoiceKey: string;
  /** The keys in force now, for verifying notices (see webhook/notice-keys.ts). */
  keys: KeysNow;
  /** Where the gateway must send this sale's notice; null while there is no usable public URL. */
  webhookUrl: string | null;
  /** Null when Charge may go ahead; otherwise a sentence saying why not and how to fix it. */
  chargeBlockedReason: string | null;
}

export interface ServiceOptions {
  ledger: Ledger;
  /** The renderer's events: every changed sale is announced as sale-updated. */
  events: PosEvents;
  /** The core's own events: an unreadable keyed notice, a paid notice naming its transaction. */
  core: CoreEvents;
  runtime: () => SaleRuntime;
  fingerprints: KeyFingerprints;
  now?: () => Date;
  log?: (line: string) => void;
  /**
   * Who takes a sale from this caller: the signed-in cashier's name, null on a counter without
   * cashiers, or a refusal (cashiers are defined and none signed in on this window). Issue 13.
   */
  cashierFor?: (context: CallContext) => Result<string | null>;
}

/** The cashier's use cases: start, cancel, look up and list sales; the notices that pay them; expiry. */
export class SaleService {
  readonly methods: MethodGroup<'startSale' | 'cancelSale' | 'getSale' | 'listSales'>;
  private readonly now: () => Date;

  constructor(private readonly options: ServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.methods = defineMethods({
      startSale: (args, context) => this.startSale(args, context),
      cancelSale: async (args) => {
        if ('saleId' in args) return this.cancelSale(args.saleId);
        const sale = this.options.ledger.getSaleByRequestId(args.requestId);
        return sale ? this.cancelSale(sale.id) : fail('not-found', 'That charge has not reached the counter; nothing to cancel');
      },
      getSale: async ({ saleId }) => this.getSale(saleId),
      listSales: async (query) => ok(this.options.ledger.listSales(query)),
    });
  }

  private announce(sale: Sale | null): void {
    if (sale) this.options.events.emit('sale-updated', sale);
  }

  async startSale(args: PosArgs<'startSale'>, context: CallContext = DEFAULT_CALL_CONTEXT): Promise<Result<Sale>> {
    const { ledger } = this.options;
    if (args.requestId) {
      // A double-press or a resent request: the first sale stands, nothing is charged twice.
      const earlier = ledger.getSaleByRequestId(args.requestId);
      if (earlier) return ok(earlier);
    }
    const cashier = this.options.cashierFor?.(context) ?? ok(null);
    if (!cashier.ok) return cashier;
    const runtime = this.options.runtime();
    const { settings, gateway, webhookUrl } = runtime;
    if (runtime.chargeBlockedReason !== null || webhookUrl === null) {
      return fail('not-ready', runtime.chargeBlockedReason ?? 'There is no public webhook URL yet, so a payment notice could not reach this counter. Nothing was charged.');
    }
    const amount = parseAmount(args.amount, settings.currency);
    if (!amount.ok) return fail('invalid-input', amount.message);
    const tip = tipOf(args.tip, amount.minor, settings.currency);
    if (!tip.ok) return fail('invalid-input', tip.message);
    if (args.linkedSaleId && !ledger.getSale(args.linkedSaleId)) return fail('not-found', 'The sale this charge completes is not on this counter');
    const created = this.now();
    const keyFingerprint = this.options.fingerprints.of(runtime.invoiceKey);
    const sandbox = runtime.mode === 'sandbox';
    ledger.rememberInvoiceKey(keyFingerprint, sandbox, created.toISOString(), new Date(created.getTime() + INVOICE_KEY_KEPT_MS).toISOString());
    const sale = ledger.insertSale(
      {
        id: newSaleId(created),
        status: 'creating',
        // The invoice asks for the amount and the tip together; the tip is kept apart for the books.
        amountMinor: amount.minor + tip.minor,
        tipMinor: tip.minor,
        linkedSaleId: args.linkedSaleId ?? null,
        currency: settings.currency,
        note: (args.note ?? '').trim(),
        sandbox,
        blockchain: settings.blockchain,
        requestId: args.requestId ?? null,
        webhookUrl,
        keyFingerprint,
        cashier: cashier.value,
      },
      created.toISOString(),
      { cause: 'cashier charged', detail: { amount: args.amount, ...(args.tip ? { tip: args.tip } : {}), mode: runtime.mode, ...(args.customerEmail ? { emailReceipt: true } : {}) } },
    );
    this.announce(sale);
    this.options.core.emit('sale-started', sale);

    const invoice = await gateway.createInvoice({
      saleId: sale.id,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      blockchain: sale.blockchain,
      language: settings.language,
      webhookUrl,
      ...(args.customerEmail ? { customerEmail: args.customerEmail } : {}),
      onLateInvoice: (invoice) => this.recordLateInvoice(sale.id, invoice),
    });
    const at = this.now().toISOString();
    if (!invoice.ok) {
      const failed = ledger.transition(sale.id, ['creating'], 'failed', at, { failure: invoice.error.message }, { cause: 'invoice not created', detail: invoice.error });
      this.announce(failed);
      return ok(failed ?? (ledger.getSale(sale.id) as Sale));
    }
    const { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt } = invoice.value;
    const invoicePatch = { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt };
    let updated: Sale | null;
    try {
      updated = ledger.transition(sale.id, ['creating'], 'pending', at, invoicePatch, { cause: 'invoice created', detail: invoicePatch });
      // Cancelled while the gateway was answering: keep the invoice so a late payment still matches.
      updated ??= ledger.appendEvent(sale.id, ['cancelled'], at, { cause: 'invoice created after cancel', detail: invoicePatch }, invoicePatch);
    } catch (error) {
      const message = 'Mitilena Pay returned an invoice id this counter already used; nothing was charged. Try again.';
      updated = ledger.transition(sale.id, ['creating'], 'failed', at, { failure: message }, { cause: 'invoice not created', detail: { message, error: String(error) } });
    }
    this.announce(updated);
    return ok(updated ?? (ledger.getSale(sale.id) as Sale));
  }

  /**
   * The gateway's answer came after the counter gave up on it (the sale already failed, or the
   * cashier cancelled): kept on the sale, so a payment of that invoice still finds its sale.
   */
  private recordLateInvoice(saleId: string, invoice: Invoice): void {
    const { ledger } = this.options;
    const { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt } = invoice;
    const patch = { invoiceId, paymentPage, cryptoAmount, cryptoSymbol, address, expiresAt };
    const at = this.now().toISOString();
    const taken = ledger.getSaleByInvoiceId(invoiceId);
    const cause = 'invoice arrived after giving up';
    try {
      const updated = ledger.appendEvent(saleId, ['failed', 'cancelled'], at, { cause, detail: patch }, taken ? {} : patch);
      this.announce(updated);
    } catch (error) {
      this.options.log?.(`sale ${saleId}: could not record a late invoice: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  cancelSale(saleId: string): Result<Sale> {
    const { ledger } = this.options;
    const sale = ledger.getSale(saleId);
    if (!sale) return fail('not-found', 'There is no such sale');
    if (sale.status === 'cancelled') return ok(sale);
    const cancelled = ledger.transition(saleId, ['creating', 'pending'], 'cancelled', this.now().toISOString(), {}, { cause: 'cashier cancelled' });
    if (!cancelled) {
      const now = ledger.getSale(saleId) as Sale;
      return fail('invalid-state', `This sale is already ${now.status} and cannot be cancelled`);
    }
    this.announce(cancelled);
    return ok(cancelled);
  }

  getSale(saleId: string): Result<Sale> {
    const sale = this.options.ledger.getSale(saleId);
    return sale ? ok(sale) : fail('not-found', 'There is no such sale');
  }

  /** Entry point of the webhook listener. */
  receiveNotice(signature: string | undefined, text: string): NoticeAnswer {
    const runtime = this.options.runtime();
    const { ledger, fingerprints, log } = this.options;
    const { blockchain, currency } = runtime.settings;
    const answer = receiveNotice({ ledger, keys: runtime.keys, fingerprints, blockchain, currency, now: this.now, log }, signature, text);
    this.announce(answer.changed);
    if (answer.unread) this.options.core.emit('unread-notice', undefined);
    if (answer.changed?.status === 'paid' && answer.changed.txHash) this.options.core.emit('paid-by-notice', answer.changed);
    return answer;
  }

  /**
   * Sales left 'creating' by a previous run that stopped (a crash, a power cut) while waiting for the
   * gateway: the cashier never saw a QR, so nobody can have paid them. Run once at start.
   */
  failInterrupted(): Sale[] {
    const { ledger } = this.options;
    const at = this.now().toISOString();
    const failure = 'The app stopped while this invoice was being created; nothing was charged. Charge again if needed.';
    const failed: Sale[] = [];
    for (const sale of ledger.listSales({ status: 'creating', limit: 1000 })) {
      const updated = ledger.transition(sale.id, ['creating'], 'failed', at, { failure }, { cause: 'interrupted while creating the invoice' });
      if (updated) failed.push(updated);
    }
    return failed;
  }

  /**
   * Marks up to `limit` pending sales whose invoice ran out as expired, in one transaction (one write to
   * the disk), then announces them. A sale a notice paid meanwhile is no longer pending and stays as it is.
   */
  expireDue(limit = EXPIRY_BATCH_SALES): Sale[] {
    const { ledger } = this.options;
    const at = this.now().toISOString();
    const expired = ledger.transaction(() =>
      ledger
        .salesDueToExpire(at, limit)
        .map((sale) => ledger.transition(sale.id, ['pending'], 'expired', at, {}, { cause: 'invoice expired', detail: { expiresAt: sale.expiresAt } }))
        .filter((sale): sale is Sale => sale !== null),
    );
    for (const sale of expired) this.announce(sale);
    return expired;
  }

  /**
   * Every sale due to expire, a batch at a time, handing the loop back between batches (`between`) so
   * notices and the screen are answered meanwhile; `stopped` ends it early (the core is closing).
   */
  async expireAllDue(between: () => Promise<unknown> = yieldToLoop, stopped: () => boolean = () => false): Promise<number> {
    let count = 0;
    while (!stopped()) {
      const batch = this.expireDue();
      count += batch.length;
      if (batch.length < EXPIRY_BATCH_SALES) break;
      await between();
    }
    return count;
  }
}

/** The tip of a charge (issue 12): none, or a positive amount of the currency, at most the amount itself. */
function tipOf(text: string | undefined, amountMinor: number, currency: string): { ok: true; minor: number } | { ok: false; message: string } {
  if (text === undefined || /^0*(\.0*)?$/.test(text.trim())) return { ok: true, minor: 0 };
  const tip = parseAmount(text, currency);
  if (!tip.ok) return { ok: false, message: `The tip: ${tip.message}` };
  if (tip.minor > amountMinor) return { ok: false, message: 'The tip cannot be more than the amount itself' };
  if (amountMinor + tip.minor > MAX_AMOUNT_MINOR) return { ok: false, message: 'The amount with the tip is too large' };
  return { ok: true, minor: tip.minor };
}
