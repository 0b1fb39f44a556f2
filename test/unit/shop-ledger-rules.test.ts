// The shop ledger's pure rules: its URL checked and described without the password, and never shown
// in a message; what PostgreSQL cannot store made storable; the status bar's words; the settings and
// browser-mode flags that set it; pg's errors put in a sentence.
import { describe, expect, it } from 'vitest';
import { readServeFlags } from '../../electron/browser-mode/serve-flags';
import { DEFAULT_SETTINGS } from '../../electron/pos/settings/stored';
import { validateSettingsUpdate } from '../../electron/pos/settings/validate';
import { describeShopError, ShopLedgerRefusal } from '../../electron/pos/shop/errors';
import { loginRoleName, scramVerifier, urlForRole } from '../../electron/pos/shop/roles';
import { clockTime, shopLedgerStatus } from '../../electron/pos/shop/shop-status';
import { checkShopLedgerUrl, describeShopLedger, redactShopUrl } from '../../electron/pos/shop/shop-url';
import { storable, wireBatch } from '../../electron/pos/shop/wire';

const URL_WITH_SECRET = 'postgres://counter_till_1:s3cr%40t-Pa55word@db.example.com:5432/shop?sslmode=require';

describe('the shop ledger URL', () => {
  it('accepts a PostgreSQL URL with a role, a host and a database, and says what is missing otherwise without echoing it', () => {
    expect(checkShopLedgerUrl(` ${URL_WITH_SECRET} `)).toEqual({ ok: true, url: URL_WITH_SECRET });
    expect(checkShopLedgerUrl('postgresql://till:pw@10.0.0.5/shop').ok).toBe(true);
    const refused: [string, RegExp][] = [
      ['https://till:pw-secret@db.example.com/shop', /must start with postgres:\/\//],
      ['postgres://db.example.com/shop', /needs this counter's database role/],
      ['postgres://till:pw-secret@db.example.com', /needs the database name/],
      ['not a url pw-secret', /Enter a PostgreSQL URL/],
    ];
    for (const [value, message] of refused) {
      const checked = checkShopLedgerUrl(value);
      expect(checked.ok ? 'accepted' : checked.message).toMatch(message);
      expect(JSON.stringify(checked)).not.toContain('pw-secret');
    }
  });

  it('is described for the owner without its password, and cut out of any message with its password in either spelling', () => {
    expect(describeShopLedger(URL_WITH_SECRET)).toBe('counter_till_1 at db.example.com:5432/shop');
    const message = `could not use ${URL_WITH_SECRET}: password "s3cr@t-Pa55word" (s3cr%40t-Pa55word) rejected for db.example.com`;
    const redacted = redactShopUrl(message, URL_WITH_SECRET);
    expect(redacted).not.toMatch(/s3cr|Pa55word/);
    expect(redacted).toContain('db.example.com');
  });

  it('is refused in Settings with a sentence of its own, and a counter name is one line of text', () => {
    const bad = validateSettingsUpdate({ shopLedgerUrl: 'mysql://till:pw-secret@db/shop', counterName: 'Till\n2' }, DEFAULT_SETTINGS);
    expect(bad).toEqual({ ok: false, fields: { shopLedgerUrl: expect.stringMatching(/postgres:\/\//), counterName: 'Use one line of ordinary text' } });
    expect(JSON.stringify(bad)).not.toContain('pw-secret');
    expect(validateSettingsUpdate({ shopLedgerUrl: URL_WITH_SECRET, counterName: '  Till 2 ' }, DEFAULT_SETTINGS)).toEqual({
      ok: true,
      patch: { counterName: 'Till 2' },
      secrets: { shopLedgerUrl: URL_WITH_SECRET },
    });
    expect(validateSettingsUpdate({ shopLedgerUrl: null }, DEFAULT_SETTINGS)).toMatchObject({ ok: true, secrets: { shopLedgerUrl: null } });
  });

  it('checks the owner desk’s URL for the whole shop by the same rules, never echoing it', () => {
    const bad = validateSettingsUpdate({ shopLedgerOwnerUrl: 'https://owner:pw-secret@db/shop' }, DEFAULT_SETTINGS);
    expect(bad).toEqual({ ok: false, fields: { shopLedgerOwnerUrl: expect.stringMatching(/postgres:\/\//) } });
    expect(JSON.stringify(bad)).not.toContain('pw-secret');
    expect(validateSettingsUpdate({ shopLedgerOwnerUrl: URL_WITH_SECRET }, DEFAULT_SETTINGS)).toEqual({ ok: true, patch: {}, secrets: { shopLedgerOwnerUrl: URL_WITH_SECRET } });
    expect(validateSettingsUpdate({ shopLedgerOwnerUrl: null }, DEFAULT_SETTINGS)).toMatchObject({ ok: true, secrets: { shopLedgerOwnerUrl: null } });
  });
});

describe('browser-mode flags for the shop ledger', () => {
  it('takes --counter-name by the Settings rules and a bounded --shop-ledger-batch', () => {
    const read = readServeFlags(['--counter-name', 'Till 3', '--shop-ledger-batch', '50']);
    expect(read.ok && [read.flags.counterName, read.flags.shopLedgerBatch]).toEqual(['Till 3', 50]);
    expect(readServeFlags(['--counter-name', 'a\u0007b'])).toEqual({ ok: false, message: '--counter-name: Use one line of ordinary text' });
    expect(readServeFlags(['--shop-ledger-batch', '0'])).toMatchObject({ ok: false, message: expect.stringMatching(/between 1 and 10000/) });
  });
});

describe('what the shop ledger stores', () => {
  it('replaces only what PostgreSQL text cannot hold (NUL, half a surrogate pair), keys included', () => {
    expect(storable({ 'a\u0000': ['x\u0000y', 'ok \uD83D\uDE00', 'half \uD83D', '\uDE00 half'], n: 1, b: null })).toEqual({
      'a\uFFFD': ['x\uFFFDy', 'ok \uD83D\uDE00', 'half \uFFFD', '\uFFFD half'],
      n: 1,
      b: null,
    });
  });

  it("sends the sale's columns typed and its row as source, without the webhook URL or the key fingerprint", () => {
    const at = '2026-11-26T10:00:00.000Z';
    const row = {
      id: 'sale-1', status: 'paid', amount_minor: 1250, currency: 'EUR', note: 'n', created_at: at, updated_at: at, sandbox: 0, blockchain: 'tether-trc20',
      overpaid: 1, expires_at: 'not a time', paid_at: at, webhook_url: 'https://x/mitilena/webhook/token', key_fingerprint: 'fp', refund_minor: 300,
    };
    const wire = wireBatch({ events: [{ id: 7, sale_id: 'sale-1', at, from_status: 'pending', to_status: 'paid', cause: 'c', detail: '{"a":[1]}', notice_key: 'k' }], sales: [{ row, lastEventId: 7 }], firstEventId: 7, lastEventId: 7 });
    const [sale] = JSON.parse(wire.sales) as Record<string, unknown>[];
    expect(sale).toMatchObject({ sale_id: 'sale-1', sandbox: false, overpaid: true, expires_at: null, paid_at: at, tip_minor: 0, last_event_id: 7 });
    expect(sale?.source).toMatchObject({ expires_at: 'not a time', refund_minor: 300 });
    expect(wire.sales).not.toMatch(/webhook|fingerprint/);
    expect(JSON.parse(wire.events)).toEqual([{ event_id: 7, sale_id: 'sale-1', at, from_status: 'pending', to_status: 'paid', cause: 'c', detail: { a: [1] }, notice_key: 'k' }]);
  });
});

describe("the shop ledger's status", () => {
  const now = new Date(2026, 10, 26, 11, 5);
  it('says off, up to date, sending, or since when and why it cannot reach the server', () => {
    expect(shopLedgerStatus({ configured: false, behind: 3, failing: null, now })).toEqual({ state: 'off', behind: 0, message: null });
    expect(shopLedgerStatus({ configured: true, behind: 0, failing: null, now })).toEqual({ state: 'synced', behind: 0, message: 'Shop ledger: up to date' });
    expect(shopLedgerStatus({ configured: true, behind: 1, failing: null, now }).message).toBe('Shop ledger: 1 change to sales waiting, sending');
    const since = new Date(2026, 10, 26, 10, 42);
    expect(shopLedgerStatus({ configured: true, behind: 12_345, failing: { since, reason: 'the connection was cut' }, now })).toEqual({
      state: 'unreachable',
      behind: 12_345,
      message: 'Shop ledger: 12,345 changes to sales waiting, server unreachable since 10:42 (the connection was cut)',
    });
    expect(clockTime(new Date(2026, 10, 25, 9, 7), now)).toBe('2026-11-25 09:07');
  });

  it("puts pg's errors in a sentence: the network, the server, a refusal, or the server's words without the password", () => {
    expect(describeShopError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }), URL_WITH_SECRET)).toEqual({
      reason: 'the server refused the connection (is PostgreSQL running there?)',
      refusal: false,
    });
    expect(describeShopError(Object.assign(new Error('password authentication failed for user "till"'), { code: '28P01' }), URL_WITH_SECRET)).toEqual({
      reason: "the server refused this counter's password",
      refusal: true,
    });
    expect(describeShopError(new Error('Connection terminated unexpectedly'), null).reason).toBe('the connection was cut');
    expect(describeShopError(new ShopLedgerRefusal('a refusal'), null)).toEqual({ reason: 'a refusal', refusal: true });
    expect(describeShopError(new Error(`odd: ${URL_WITH_SECRET}`), URL_WITH_SECRET).reason).toBe('odd: [redacted]');
  });
});

describe("the shop ledger's roles", () => {
  it('names login roles from plain names, and stores passwords as SCRAM-SHA-256 verifiers', () => {
    expect(loginRoleName('counter', 'Till-1')).toBe('counter_till_1');
    expect(loginRoleName('owner', 'desk; DROP ROLE x')).toBeNull();
    // RFC 7677's example: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
    const verifier = scramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
    expect(verifier).toBe('SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=');
    expect(urlForRole('postgres://admin:adminpw@db.example.com:5432/shop?sslmode=require', 'counter_till_1', 'new/pw')).toBe(
      'postgres://counter_till_1:new%2Fpw@db.example.com:5432/shop?sslmode=require',
    );
  });
});
