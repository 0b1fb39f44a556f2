// The notice path alone, from real parts: a SQLite ledger in a temp dir, the sale service and the
// webhook listener on 127.0.0.1. Sales are seeded straight into the ledger as the gateway left them.
import { Agent, request } from 'node:http';
import { CoreEvents } from '../../electron/pos/core-events';
import { PosEvents } from '../../electron/pos/events';
import { SaleService, type SaleRuntime } from '../../electron/pos/sales/service';
import { Ledger } from '../../electron/pos/store/ledger';
import { startWebhookListener, type ListenerTimeouts, type WebhookListener } from '../../electron/pos/webhook/listener';
import { KeyFingerprints } from '../../electron/pos/webhook/notice-keys';
import type { Sale } from '../../shared/sale';
import { ledgerRows } from './ledger-file';
import { tempDir } from './temp';

export const RIG_KEY = 'rig-api-key-0123456789abcdef';

export interface ListenerRig {
  ledger: Ledger;
  service: SaleService;
  events: PosEvents;
  listener: WebhookListener;
  databaseFile: string;
  seedPending(count: number): Sale[];
  /** Every row of both tables, to compare before and after. */
  snapshot(): string;
  close(): Promise<void>;
}

export async function startListenerRig(options: { timeouts?: Partial<ListenerTimeouts>; log?: (line: string) => void } = {}): Promise<ListenerRig> {
  const dir = tempDir('mitilena-rig-');
  const databaseFile = `${dir.path}/ledger.sqlite3`;
  const ledger = Ledger.open(databaseFile);
  const events = new PosEvents();
  const runtime: SaleRuntime = {
    settings: { currency: 'EUR', blockchain: 'tether-trc20', language: 'en', shopName: 'Rig' },
    mode: 'live',
    gateway: {
      createInvoice: () => Promise.reject(new Error('the rig creates no invoices')),
    },
    invoiceKey: RIG_KEY,
    keys: { sandboxKey: 'rig-sandbox-key-0123456789abcdef', liveKey: RIG_KEY },
    webhookUrl: 'http://127.0.0.1/rig',
    chargeBlockedReason: null,
  };
  const service = new SaleService({ ledger, events, core: new CoreEvents(), runtime: () => runtime, fingerprints: KeyFingerprints.forLedger(ledger) });
  const listener = await startWebhookListener({ token: 'rigtoken', receiver: service, timeouts: options.timeouts, log: options.log });
  let seeded = 0;
  return {
    ledger,
    service,
    events,
    listener,
    databaseFile,
    seedPending(count) {
      const sales: Sale[] = [];
      for (let i = 0; i < count; i++) {
        const n = seeded++;
        const id = `sale-01JDX3K9Q2ZB7V4M8N6P5R${String(n).padStart(4, '0')}`;
        const at = new Date().toISOString();
        ledger.insertSale({ id, status: 'creating', amountMinor: 1000 + n, currency: 'EUR', note: '', sandbox: false, blockchain: 'tether-trc20', requestId: null, webhookUrl: 'http://127.0.0.1/rig' }, at, { cause: 'seed' });
        const pending = ledger.transition(
          id,
          ['creating'],
          'pending',
          at,
          { invoiceId: `auto-rig-${n}`, paymentPage: `https://pay.example/${n}`, cryptoAmount: `${10 + n}.00${String(n).padStart(4, '0')}`, cryptoSymbol: 'USDT', address: 'TRHpcBugcdEdD6BdW6k1Grtof6LBvRGWWJ', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
          { cause: 'seed invoice' },
        );
        sales.push(pending as Sale);
      }
      return sales;
    },
    snapshot: () => JSON.stringify([ledgerRows(databaseFile, 'SELECT * FROM sales ORDER BY id'), ledgerRows(databaseFile, 'SELECT * FROM sale_events ORDER BY id')]),
    async close() {
      await listener.close();
      ledger.close();
      dir.remove();
    },
  };
}

export interface RawAnswer {
  status: number;
  text: string;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });

/** One POST with full control of headers and body (Buffer or string, or chunks sent separately). */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer | string | (Buffer | string)[], method = 'POST'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}
