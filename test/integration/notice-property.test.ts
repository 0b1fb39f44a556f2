// Issue 9's property: over thousands of notices against a real SQLite ledger, a notice whose decisive
// fields are right pays its sale however its echo fields, labels, number-or-string amounts and casing
// vary; with any one decisive field wrong, no sale is paid. Notices are built as JSON text, so
// numbers are sent exactly as written (the way a gateway's JSON would carry them).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PosEvents } from '../../electron/pos/events';
import { newSaleId } from '../../electron/pos/ids';
import { SaleService, type SaleRuntime } from '../../electron/pos/sales/service';
import { CoreEvents } from '../../electron/pos/core-events';
import { Ledger } from '../../electron/pos/store/ledger';
import { KeyFingerprints } from '../../electron/pos/webhook/notice-keys';
import type { Blockchain } from '../../shared/mitilena';
import type { Sale } from '../../shared/sale';
import { tempDir } from '../helpers/temp';

const KEY = 'live-property-key-0123456789abcdef';
const SANDBOX_KEY = 'sandbox-property-key-fedcba9876543210';
const RUNS = 5_000;

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let service: SaleService;
let fingerprints: KeyFingerprints;
let serial = 0;

beforeAll(() => {
  dir = tempDir('mitilena-property-');
  // Ten thousand runs judge notices, not durability (the crash tests prove that): no fsync per run.
  ledger = Ledger.open(`${dir.path}/ledger.sqlite3`, { syncEveryCommit: false });
  fingerprints = KeyFingerprints.forLedger(ledger);
  const runtime: SaleRuntime = {
    settings: { currency: 'EUR', blockchain: 'tether-trc20', language: 'en', shopName: 'Property' },
    mode: 'live',
    gateway: { createInvoice: () => Promise.reject(new Error('no invoices here')) },
    invoiceKey: KEY,
    keys: { sandboxKey: SANDBOX_KEY, liveKey: KEY },
    webhookUrl: 'http://127.0.0.1/property',
    chargeBlockedReason: null,
  };
  service = new SaleService({ ledger, events: new PosEvents(), core: new CoreEvents(), runtime: () => runtime, fingerprints });
});

afterAll(() => {
  ledger.close();
  dir.remove();
});

const CURRENCIES = [
  { code: 'EUR', exponent: 2 },
  { code: 'JPY', exponent: 0 },
  { code: 'KWD', exponent: 3 },
] as const;

const NETWORK_SPELLINGS: Record<string, string[]> = {
  'tether-trc20': ['TRC20', 'trc20', 'TRC-20', 'trc 20', 'TRON', 'Tron', 'tether-trc20', 'USDT-TRC20', 'USDT_TRC20', 'Tron (TRC20)', 'TRX'],
  'tether-erc20': ['ERC20', 'erc-20', 'ETH', 'Ethereum', 'tether-erc20', 'USDT-ERC20', 'Ethereum (ERC20)', 'ethereum mainnet'],
  'tether-bep20': ['BEP20', 'bep-20', 'BSC', 'bsc', 'BNB', 'tether-bep20', 'USDT-BEP20', 'BNB Smart Chain (BEP20)', 'Binance Smart Chain'],
};

function decimal(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

interface Setup {
  blockchain: Blockchain;
  currency: (typeof CURRENCIES)[number];
  amountMinor: number;
  cryptoUnits: bigint;
  cryptoScale: number;
}

const setups: fc.Arbitrary<Setup> = fc
  .record({
    blockchain: fc.constantFrom<Blockchain>('tether-trc20', 'tether-erc20', 'tether-bep20'),
    currency: fc.constantFrom(...CURRENCIES),
    amountMinor: fc.integer({ min: 2, max: 99_999_999_999 }),
    cryptoUnits: fc.bigInt({ min: 2n, max: 10n ** 24n }),
  })
  .map((setup) => ({ ...setup, cryptoScale: setup.blockchain === 'tether-bep20' ? 18 : 6 }));

function seed(setup: Setup): Sale {
  const n = ++serial;
  const id = newSaleId();
  const at = new Date().toISOString();
  const cryptoAmount = decimal(setup.cryptoUnits, setup.cryptoScale);
  ledger.insertSale(
    { id, status: 'creating', amountMinor: setup.amountMinor, currency: setup.currency.code, note: '', sandbox: false, blockchain: setup.blockchain, requestId: null, webhookUrl: 'http://127.0.0.1/property', keyFingerprint: fingerprints.of(KEY) },
    at,
    { cause: 'seed' },
  );
  return ledger.transition(
    id,
    ['creating'],
    'pending',
    at,
    { invoiceId: `auto-prop-${n}`, paymentPage: `https://pay.example/${n}`, cryptoAmount, cryptoSymbol: 'USDT', address: 'T-address', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    { cause: 'seed invoice' },
  ) as Sale;
}

/** A field's value as raw JSON text, or undefined to leave the field out. */
type Written = string | undefined;
const str = (value: string): string => JSON.stringify(value);

/** An amount written as a string or a JSON number, with or without trailing zeros, or in exponent form. */
function amountForms(units: bigint, scale: number): fc.Arbitrary<string> {
  const plain = decimal(units, scale);
  const padded = scale === 0 ? `${plain}.000` : `${plain}000`;
  const exponent = `${units}e-${scale}`;
  return fc.constantFrom(str(plain), plain, str(padded), padded, exponent, str(exponent));
}

function label(values: string[]): fc.Arbitrary<Written> {
  return fc.oneof(fc.constantFrom(...values.map(str)), fc.constantFrom('null', undefined, '""'));
}

const echo: fc.Arbitrary<Written> = fc.oneof(
  fc.string({ maxLength: 20 }).map(str),
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.constantFrom('null', undefined, '""', 'true'),
);

const hexHash = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

interface Notice {
  fields: Record<string, Written>;
  header: string | undefined;
}

function goodNotice(sale: Sale, setup: Setup): fc.Arbitrary<Notice> {
  const currencyCodes = [setup.currency.code, setup.currency.code.toLowerCase(), `${setup.currency.code[0]}${setup.currency.code.slice(1).toLowerCase()}`];
  return fc
    .record({
      keyIn: fc.constantFrom('both', 'header', 'body'),
      yourProductName: echo,
      yourProductId: echo,
      stableCoinSymbol: label(['USDT', 'usdt', 'Tether', 'USDT ', 'tether usd']),
      stableCoinBlockchain: fc.oneof(label(NETWORK_SPELLINGS[setup.blockchain] as string[]), fc.constant(str('chain-unknown-7'))),
      localCurrencyCode: label(currencyCodes),
      blockchainHash: fc.oneof(fc.constantFrom('null', undefined, '""'), hexHash.map((hash) => str(hash)), hexHash.map((hash) => str(`0x${hash.toUpperCase()}`))),
      stableCoinAmount: amountForms(setup.cryptoUnits, setup.cryptoScale),
      localCurrencyAmount: amountForms(BigInt(setup.amountMinor), setup.currency.exponent),
      extra: fc.option(fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), { nil: undefined }),
    })
    .map(({ keyIn, extra, ...fields }) => ({
      header: keyIn === 'body' ? undefined : KEY,
      fields: {
        mitilenaInvoiceId: str(sale.invoiceId as string),
        yourPaymentId: str(sale.id),
        secretKey: keyIn === 'header' ? undefined : str(KEY),
        wasPaid: 'true',
        ...fields,
        gatewayExtra: extra,
      },
    }));
}

/** One decisive field made wrong; everything else as a good notice has it. */
function badNotice(sale: Sale, setup: Setup): fc.Arbitrary<Notice> {
  const fiatShort = decimal(BigInt(setup.amountMinor - 1), setup.currency.exponent);
  const cryptoShort = decimal(setup.cryptoUnits - 1n, setup.cryptoScale);
  const wrong = fc.oneof(
    fc.constant<Partial<Notice>>({ header: 'live-property-key-0123456789abcdeF' }),
    fc.constant<Partial<Notice>>({ header: undefined, fields: { secretKey: undefined } }),
    fc.constant<Partial<Notice>>({ fields: { secretKey: str(SANDBOX_KEY) } }),
    fc.constant<Partial<Notice>>({ fields: { mitilenaInvoiceId: str(`${sale.invoiceId}-other`) } }),
    fc.constant<Partial<Notice>>({ fields: { yourPaymentId: str(newSaleId()) } }),
    fc.constantFrom<Partial<Notice>>({ fields: { wasPaid: 'false' } }, { fields: { wasPaid: str('true') } }, { fields: { wasPaid: '1' } }, { fields: { wasPaid: 'null' } }, { fields: { wasPaid: undefined } }),
    fc.constantFrom<Partial<Notice>>({ fields: { stableCoinAmount: str(cryptoShort) } }, { fields: { stableCoinAmount: cryptoShort } }, { fields: { stableCoinAmount: str('') } }, { fields: { stableCoinAmount: undefined } }),
    fc.constantFrom<Partial<Notice>>({ fields: { localCurrencyAmount: str(fiatShort) } }, { fields: { localCurrencyAmount: fiatShort } }, { fields: { localCurrencyAmount: str('-1') } }, { fields: { localCurrencyAmount: undefined } }),
  );
  return fc.tuple(goodNotice(sale, setup), wrong).map(([good, change]) => ({
    header: 'header' in change ? change.header : good.header,
    fields: { ...good.fields, ...change.fields },
  }));
}

function text(notice: Notice): string {
  const parts = Object.entries(notice.fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([field, written]) => `${JSON.stringify(field)}:${written}`);
  return `{"statusObj":{${parts.join(',')}}}`;
}

function paidCount(): number {
  return ledger.statusCounts({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }).paid;
}

describe('notices in every reasonable form', () => {
  it(`pays the sale for ${RUNS} notices whose decisive fields are right, whatever else varies`, () => {
    fc.assert(
      fc.property(
        setups.chain((setup) => {
          const sale = seed(setup);
          return goodNotice(sale, setup).map((notice) => ({ sale, notice }));
        }),
        ({ sale, notice }) => {
          const answer = service.receiveNotice(notice.header, text(notice));
          const after = ledger.getSale(sale.id);
          if (answer.status !== 200 || after?.status !== 'paid') {
            throw new Error(`not paid (${answer.status} ${answer.text}; ${after?.status} ${after?.reviewReason ?? ''} ${after?.reviewDetail ?? ''}): ${text(notice)}`);
          }
          return after.paidCryptoAmount !== null;
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);

  it(`pays no sale for ${RUNS} notices with one decisive field wrong`, () => {
    fc.assert(
      fc.property(
        setups.chain((setup) => {
          const sale = seed(setup);
          return badNotice(sale, setup).map((notice) => ({ sale, notice }));
        }),
        ({ sale, notice }) => {
          const before = paidCount();
          const answer = service.receiveNotice(notice.header, text(notice));
          if (answer.status >= 500) return false;
          return ledger.getSale(sale.id)?.status !== 'paid' && paidCount() === before;
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);
});
