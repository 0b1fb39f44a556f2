// The ledger on a real SQLite file in a temp dir.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/pos/store/database';
import { Ledger, type NewSale } from '../../electron/pos/store/ledger';
import { DatabaseTooNewError, LATEST_VERSION } from '../../electron/pos/store/migrations';
import { ledgerRows } from '../helpers/ledger-file';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let file: string;

beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'ledger.sqlite3');
});
afterEach(() => dir.remove());

function newSale(id: string, overrides: Partial<NewSale> = {}): NewSale {
  return { id, status: 'creating', amountMinor: 1250, currency: 'EUR', note: '', sandbox: true, blockchain: 'tether-trc20', requestId: null, webhookUrl: null, ...overrides };
}

describe('the ledger', () => {
  it('opens the ledger with WAL, foreign keys and synchronous=FULL at the latest schema', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    again.close();
  });

  it("keeps a sale's tip, cashier and the sale it completes, and reads them back", () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1', { amountMinor: 1000 }), '2026-11-26T10:00:00.000Z', { cause: 'cashier charged' });
    const completing = ledger.insertSale(newSale('sale-2', { amountMinor: 1100, tipMinor: 100, cashier: 'Ana', linkedSaleId: 'sale-1' }), '2026-11-26T10:05:00.000Z', { cause: 'cashier charged' });
    expect(completing).toMatchObject({ amountMinor: 1100, tipMinor: 100, cashier: 'Ana', linkedSaleId: 'sale-1' });
    expect(ledger.getSale('sale-1')).toMatchObject({ tipMinor: 0, cashier: null, linkedSaleId: null });
    ledger.close();
  });

  it('keeps every transition in an append-only log', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'cashier charged' });
    ledger.transition('sale-1', ['creating'], 'pending', '2026-11-26T10:00:01.000Z', { invoiceId: 'inv-1' }, { cause: 'invoice created' });
    expect(ledger.events('sale-1').map((event) => [event.fromStatus, event.toStatus, event.cause])).toEqual([
      [null, 'creating', 'cashier charged'],
      ['creating', 'pending', 'invoice created'],
    ]);
    ledger.close();
    const db = openDatabase(file);
    expect(() => db.prepare("UPDATE sale_events SET cause = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sale_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('appends an event without moving the sale, keeping the facts learnt with it, only in an expected status', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1', { status: 'paid' }), '2026-11-26T10:00:00.000Z', { cause: 'notice: paid' });
    const confirmed = ledger.appendEvent('sale-1', ['paid'], '2026-11-26T10:01:00.000Z', { cause: 'chain confirmed', detail: { explorer: 'TronGrid' } }, { confirmation: 'chain-confirmed' });
    expect(confirmed).toMatchObject({ status: 'paid', confirmation: 'chain-confirmed', updatedAt: '2026-11-26T10:01:00.000Z' });
    expect(ledger.events('sale-1').at(-1)).toMatchObject({ fromStatus: 'paid', toStatus: 'paid', cause: 'chain confirmed', detail: { explorer: 'TronGrid' } });
    expect(ledger.appendEvent('sale-1', ['pending'], '2026-11-26T10:02:00.000Z', { cause: 'not for this status' })).toBeNull();
    expect(ledger.events('sale-1')).toHaveLength(2);
    ledger.close();
  });

  it('runs several operations as one unit: all committed, or none', () => {
    const ledger = Ledger.open(file);
    expect(() =>
      ledger.transaction(() => {
        ledger.insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'first' });
        ledger.insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'the same id again' });
      }),
    ).toThrow(/UNIQUE/);
    expect(ledger.getSale('sale-1')).toBeNull();
    expect(ledgerRows(file, 'SELECT * FROM sale_events')).toEqual([]);
    ledger.close();
  });

  it('knows a recorded transaction hash however it was written, and counts pending live sales', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1', { status: 'paid', patch: { txHash: `0x${'AB'.repeat(32)}` } }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-2', { status: 'pending', sandbox: false }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-3', { status: 'pending', sandbox: true }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    expect(ledger.isHashClaimed('ab'.repeat(32))).toBe(true);
    expect(ledger.isHashClaimed(`0x${'ab'.repeat(32)}`)).toBe(true);
    expect(ledger.isHashClaimed('cd'.repeat(32))).toBe(false);
    expect(ledger.countPendingLive()).toBe(1);
    ledger.close();
  });

  it('finds the pending live sales whose notice goes to another URL, and the newest of their URLs', () => {
    const ledger = Ledger.open(file);
    const sale = (id: string, at: string, webhookUrl: string | null, sandbox = false) =>
      ledger.insertSale(newSale(id, { status: 'pending', sandbox, webhookUrl }), at, { cause: 'test' });
    sale('sale-1', '2026-11-26T10:00:00.000Z', 'https://old-1.example/hook');
    sale('sale-2', '2026-11-26T11:00:00.000Z', 'https://old-2.example/hook');
    sale('sale-3', '2026-11-26T12:00:00.000Z', 'https://now.example/hook');
    sale('sale-4', '2026-11-26T13:00:00.000Z', 'https://sandbox.example/hook', true);
    sale('sale-5', '2026-11-26T14:00:00.000Z', null);
    expect(ledger.strandedPending('https://now.example/hook')).toEqual({ count: 2, newestWebhookUrl: 'https://old-2.example/hook' });
    ledger.transition('sale-1', ['pending'], 'paid', '2026-11-26T15:00:00.000Z', {}, { cause: 'paid' });
    ledger.transition('sale-2', ['pending'], 'paid', '2026-11-26T15:00:00.000Z', {}, { cause: 'paid' });
    expect(ledger.strandedPending('https://now.example/hook')).toBeNull();
    ledger.close();
  });

  it("keeps the fingerprints of keys whose invoices may still be paid, and unreadable notices once each", () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1'), '2026-11-20T10:00:00.000Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-2', { sandbox: false }), '2026-11-20T10:00:00.000Z', { cause: 'test' });
    ledger.rememberInvoiceKey('f'.repeat(64), false, '2026-11-21T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    // A later invoice with an earlier end never shortens what an older one keeps open.
    ledger.rememberInvoiceKey('f'.repeat(64), false, '2026-11-22T00:00:00.000Z', '2026-11-25T00:00:00.000Z');
    expect(ledger.isOpenLiveKey('f'.repeat(64), '2026-11-30T00:00:00.000Z')).toBe(true);
    expect(ledger.isOpenLiveKey('f'.repeat(64), '2026-12-01T00:00:00.000Z')).toBe(false);
    expect(ledger.backfillKeyFingerprints(true, 'e'.repeat(64))).toBe(1);
    expect(ledger.keyFingerprintOf('sale-1')).toBe('e'.repeat(64));
    expect(ledger.keyFingerprintOf('sale-2')).toBeNull();

    const unread = { at: '2026-11-21T00:00:00.000Z', saleId: 'sale-1', reason: 'not JSON', body: '{', bodySha256: 'a'.repeat(64) };
    expect(ledger.recordUnreadNotice(unread)).toBe(true);
    expect(ledger.recordUnreadNotice({ ...unread, at: '2026-11-21T00:00:01.000Z', saleId: null })).toBe(false);
    expect(ledger.unreadNoticesSince('2026-11-20T00:00:00.000Z')).toEqual({ count: 1, latest: { at: unread.at, reason: 'not JSON', saleId: 'sale-1' } });
    expect(() => ledger.recordUnreadNotice({ ...unread, saleId: 'no-such-sale', bodySha256: 'b'.repeat(64) })).toThrow(/FOREIGN KEY/);
    ledger.close();
  });

  it('refuses a transition the state machine does not allow and changes nothing', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1', { status: 'pending' }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    expect(() => ledger.transition('sale-1', ['pending'], 'creating', '2026-11-26T10:00:01.000Z', {}, { cause: 'bad' })).toThrow(/cannot go from pending to creating/);
    expect(ledger.getSale('sale-1')?.status).toBe('pending');
    expect(ledger.events('sale-1')).toHaveLength(1);
    ledger.close();
  });

  it('does not move a sale that is no longer in the expected status', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-1', { status: 'paid' }), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    expect(ledger.transition('sale-1', ['pending'], 'cancelled', '2026-11-26T10:00:01.000Z', {}, { cause: 'cancel' })).toBeNull();
    expect(ledger.getSale('sale-1')?.status).toBe('paid');
    expect(ledger.events('sale-1')).toHaveLength(1);
    ledger.close();
  });

  it('rejects an event for a sale that does not exist (foreign key)', () => {
    const db = openDatabase(file);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause) VALUES ('nope', 'x', 'paid', 'x')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('lists sales newest first within a time range and status', () => {
    const ledger = Ledger.open(file);
    ledger.insertSale(newSale('sale-a'), '2026-11-25T23:59:59.999Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-b'), '2026-11-26T08:00:00.000Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-c', { status: 'pending' }), '2026-11-26T09:00:00.000Z', { cause: 'test' });
    ledger.insertSale(newSale('sale-d'), '2026-11-27T00:00:00.000Z', { cause: 'test' });
    const today = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
    expect(ledger.listSales(today).map((sale) => sale.id)).toEqual(['sale-c', 'sale-b']);
    expect(ledger.listSales({ ...today, status: 'pending' }).map((sale) => sale.id)).toEqual(['sale-c']);
    expect(ledger.listSales({ limit: 1 }).map((sale) => sale.id)).toEqual(['sale-d']);
    ledger.close();
  });

  it('answers the hot queries from indexes, not table scans', () => {
    const db = openDatabase(file);
    const plan = (sql: string, ...params: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan('SELECT * FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT 100', 'a', 'b')).toMatch(/USING INDEX sales_by_created/);
    expect(plan('SELECT * FROM sales WHERE status = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT 100', 'paid', 'a', 'b')).toMatch(/USING INDEX sales_by_status_created/);
    expect(plan("SELECT * FROM sales WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?", 'x')).toMatch(/USING INDEX sales_by_status_created/);
    expect(plan('SELECT * FROM sales WHERE invoice_id = ?', 'x')).toMatch(/USING INDEX sales_by_invoice/);
    expect(plan('SELECT 1 FROM sale_events WHERE notice_key = ?', 'x')).toMatch(/USING (COVERING )?INDEX sale_events_by_notice/);
    // What the status bar and recovery ask on every status and every transfer found.
    expect(plan("SELECT count(*) AS n FROM sales WHERE status = 'pending' AND sandbox = 0")).toMatch(/USING COVERING INDEX sales_by_status_created \(status=\?\)/);
    expect(plan('SELECT 1 FROM sales WHERE tx_hash COLLATE NOCASE IN (?, ?) LIMIT 1', 'a', '0xa')).toMatch(/SEARCH sales USING COVERING INDEX sales_by_tx_hash/);
    db.close();
  });

  it("reads recovery's candidates a page at a time: every live pending or expired sale since the date, oldest first, at most the limit, the loop handed back between pages", async () => {
    const ledger = Ledger.open(file);
    const statuses = ['pending', 'expired', 'paid', 'cancelled'] as const;
    // 400 sales a minute apart from 10:00, some sandbox, the first 30 before the window.
    ledger.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const at = new Date(Date.parse('2026-11-26T10:00:00.000Z') + i * 60_000).toISOString();
        ledger.insertSale(newSale(`sale-${String(i).padStart(3, '0')}`, { status: statuses[i % 4], sandbox: i % 5 === 0 }), at, { cause: 'test' });
      }
    });
    const since = '2026-11-26T10:30:00.000Z';
    const expected = ledgerRows<{ id: string }>(file, "SELECT id FROM sales WHERE status IN ('pending', 'expired') AND sandbox = 0 AND created_at >= ? ORDER BY created_at", since).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(100);

    // Turns of the loop while the candidates are read: none if it were read in one go.
    let turns = 0;
    let counting = true;
    const tick = (): void => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const candidates = await ledger.recoveryCandidates(since);
    counting = false;
    expect(candidates.map((sale) => sale.id)).toEqual(expected);
    expect(candidates.every((sale) => !sale.sandbox && (sale.status === 'pending' || sale.status === 'expired'))).toBe(true);
    // More than one page: the loop turned between them.
    expect(turns).toBeGreaterThan(0);
    expect((await ledger.recoveryCandidates(since, 7)).map((sale) => sale.id)).toEqual(expected.slice(0, 7));
    ledger.close();
  });

  it('survives a reopen with its rows intact', () => {
    const first = Ledger.open(file);
    first.insertSale(newSale('sale-1'), '2026-11-26T10:00:00.000Z', { cause: 'test' });
    first.close();
    const second = Ledger.open(file);
    expect(second.getSale('sale-1')?.amountMinor).toBe(1250);
    second.close();
  });
});
