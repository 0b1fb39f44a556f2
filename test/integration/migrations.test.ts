// One test per data-changing migration: seed at N−1, migrate, compare rows.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/pos/store/database';
import { LATEST_VERSION, migrate } from '../../electron/pos/store/migrations';
import { SalesStore } from '../../electron/pos/store/sales';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0020 (voided status)', () => {
  it('keeps every sale and event row, indexes, triggers and foreign keys', () => {
    const file = join(dir.path, 'ledger.sqlite3');
    const db = openDatabase(file, { targetVersion: 10 });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const store = new SalesStore(db);
    for (let i = 0; i < 50; i++) {
      const id = `sale-${String(i).padStart(4, '0')}`;
      store.insertSale(
        { id, status: 'creating', amountMinor: 100 + i, currency: 'EUR', note: `note ${i} "quoted", ✓`, sandbox: i % 2 === 0, blockchain: 'tether-trc20', requestId: `req-${i}`, webhookUrl: 'http://127.0.0.1/x' },
        `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
        { cause: 'seed', detail: { i } },
      );
      store.transition(id, ['creating'], 'pending', '2026-11-29T00:00:00.000Z', { invoiceId: `inv-${i}`, cryptoAmount: `1.00000${i % 10}` }, { cause: 'invoice created', noticeKey: `key-${i}` });
    }
    const salesBefore = db.prepare('SELECT * FROM sales ORDER BY id').all();
    const eventsBefore = db.prepare('SELECT * FROM sale_events ORDER BY id').all();
    expect(() => db.prepare("UPDATE sales SET status = 'voided' WHERE id = 'sale-0000'").run()).toThrow(/CHECK/);

    migrate(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare('SELECT * FROM sales ORDER BY id').all()).toEqual(salesBefore);
    expect(db.prepare('SELECT * FROM sale_events ORDER BY id').all()).toEqual(eventsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The new status is accepted, the log is still append-only and still tied to its sales.
    const migrated = new SalesStore(db);
    expect(migrated.transition('sale-0001', ['pending'], 'voided', '2026-11-30T00:00:00.000Z', {}, { cause: 'owner voided' })?.status).toBe('voided');
    expect(() => db.prepare('DELETE FROM sale_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause) VALUES ('nope', 'x', 'paid', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO sale_events (sale_id, at, to_status, cause, notice_key) VALUES ('sale-0002', 'x', 'paid', 'x', 'key-2')").run()).toThrow(/UNIQUE/);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(names).toEqual(['sale_events_append_only_delete', 'sale_events_append_only_update', 'sale_events_by_notice', 'sale_events_by_sale', 'sales_by_created', 'sales_by_invoice', 'sales_by_status_created']);
    db.close();
  });
});

describe('migration 0040 (confirmation source)', () => {
  it('keeps every sale and event row, adds a NULL confirmation with its CHECK, and indexes recorded hashes', () => {
    const file = join(dir.path, 'ledger.sqlite3');
    const db = openDatabase(file, { targetVersion: 30 });
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    const store = new SalesStore(db);
    for (let i = 0; i < 40; i++) {
      const id = `sale-${String(i).padStart(4, '0')}`;
      store.insertSale(
        { id, status: 'creating', amountMinor: 100 + i, currency: 'EUR', note: `note ${i}`, sandbox: i % 2 === 0, blockchain: 'tether-trc20', requestId: `req-${i}`, webhookUrl: null },
        `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
        { cause: 'seed', detail: { i } },
      );
      store.transition(id, ['creating'], 'pending', '2026-11-29T00:00:00.000Z', { invoiceId: `inv-${i}`, cryptoAmount: `1.00000${i % 10}` }, { cause: 'invoice created' });
      if (i % 3 === 0) store.transition(id, ['pending'], 'paid', '2026-11-29T00:01:00.000Z', { txHash: `${i}`.padStart(64, 'a'), paidCryptoAmount: '1' }, { cause: 'notice: paid', noticeKey: `key-${i}` });
    }
    const salesBefore = db.prepare('SELECT * FROM sales ORDER BY id').all() as Record<string, unknown>[];
    const eventsBefore = db.prepare('SELECT * FROM sale_events ORDER BY id').all();
    expect(salesBefore[0]).not.toHaveProperty('confirmation');

    migrate(db, 40);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(db.prepare('SELECT * FROM sales ORDER BY id').all()).toEqual(salesBefore.map((row) => ({ ...row, confirmation: null })));
    expect(db.prepare('SELECT * FROM sale_events ORDER BY id').all()).toEqual(eventsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const migrated = new SalesStore(db);
    expect(migrated.getSale('sale-0001')?.confirmation).toBeNull();
    expect(migrated.transition('sale-0000', ['paid'], null, '2026-11-30T00:00:00.000Z', { confirmation: 'chain-confirmed' }, { cause: 'chain confirmed' })?.confirmation).toBe('chain-confirmed');
    expect(() => db.prepare("UPDATE sales SET confirmation = 'guessed' WHERE id = 'sale-0001'").run()).toThrow(/CHECK/);
    expect(migrated.recordedTxHashes().sort()).toEqual(salesBefore.filter((row) => row.tx_hash !== null).map((row) => row.tx_hash).sort());
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT tx_hash FROM sales WHERE tx_hash IS NOT NULL').all() as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan).toMatch(/COVERING INDEX sales_by_tx_hash/);
    db.close();
  });
});

describe('migration 0050 (key fingerprints, open invoice keys, unreadable notices)', () => {
  it('keeps every sale and event row with a NULL fingerprint, and adds the two tables with their guards', () => {
    const file = join(dir.path, 'ledger.sqlite3');
    const db = openDatabase(file, { targetVersion: 40 });
    const store = new SalesStore(db);
    for (let i = 0; i < 30; i++) {
      const id = `sale-${String(i).padStart(4, '0')}`;
      store.insertSale({ id, status: 'creating', amountMinor: 100 + i, currency: 'EUR', note: '', sandbox: i % 2 === 0, blockchain: 'tether-trc20', requestId: null, webhookUrl: null }, '2026-11-20T10:00:00.000Z', { cause: 'seed' });
      store.transition(id, ['creating'], 'pending', '2026-11-20T10:00:01.000Z', { invoiceId: `inv-${i}` }, { cause: 'invoice created', noticeKey: `k-${i}` });
    }
    const salesBefore = db.prepare('SELECT * FROM sales ORDER BY id').all() as Record<string, unknown>[];
    const eventsBefore = db.prepare('SELECT * FROM sale_events ORDER BY id').all();
    expect(salesBefore[0]).not.toHaveProperty('key_fingerprint');

    migrate(db, 50);
    expect(db.pragma('user_version', { simple: true })).toBe(50);
    expect(db.prepare('SELECT * FROM sales ORDER BY id').all()).toEqual(salesBefore.map((row) => ({ ...row, key_fingerprint: null })));
    expect(db.prepare('SELECT * FROM sale_events ORDER BY id').all()).toEqual(eventsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const migrated = new SalesStore(db);
    expect(migrated.recordUnreadNotice({ at: '2026-11-21T00:00:00.000Z', saleId: 'sale-0001', reason: 'not JSON', body: '{', bodySha256: 'a'.repeat(64) })).toBe(true);
    expect(migrated.recordUnreadNotice({ at: '2026-11-21T00:00:01.000Z', saleId: null, reason: 'not JSON', body: '{', bodySha256: 'a'.repeat(64) })).toBe(false);
    expect(() => db.prepare('DELETE FROM unread_notices').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE unread_notices SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => migrated.recordUnreadNotice({ at: 'x', saleId: 'no-such-sale', reason: 'r', body: 'b', bodySha256: 'b'.repeat(64) })).toThrow(/FOREIGN KEY/);
    migrated.rememberInvoiceKey('f'.repeat(64), false, '2026-11-21T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    migrated.rememberInvoiceKey('f'.repeat(64), false, '2026-11-22T00:00:00.000Z', '2026-11-25T00:00:00.000Z');
    expect(migrated.isOpenLiveKey('f'.repeat(64), '2026-11-30T00:00:00.000Z')).toBe(true);
    expect(migrated.isOpenLiveKey('f'.repeat(64), '2026-12-01T00:00:00.000Z')).toBe(false);
    expect(migrated.backfillKeyFingerprints(true, 'e'.repeat(64))).toBe(15);
    db.close();
  });
});

describe('migration 0060 (sandbox money apart)', () => {
  it('keeps every row and answers the live and sandbox paid totals from the index alone', () => {
    const file = join(dir.path, 'ledger.sqlite3');
    const db = openDatabase(file, { targetVersion: 50 });
    const store = new SalesStore(db);
    for (let i = 0; i < 20; i++) {
      store.insertSale(
        { id: `sale-${String(i).padStart(4, '0')}`, status: 'paid', amountMinor: 100 + i, currency: i % 3 ? 'EUR' : 'JPY', note: '', sandbox: i % 2 === 0, blockchain: 'tether-trc20', requestId: null, webhookUrl: null },
        '2026-11-26T10:00:00.000Z',
        { cause: 'seed' },
      );
    }
    const salesBefore = db.prepare('SELECT * FROM sales ORDER BY id').all();
    const eventsBefore = db.prepare('SELECT * FROM sale_events ORDER BY id').all();
    const totals = "SELECT sandbox, currency, SUM(amount_minor) AS amountMinor, COUNT(*) AS n, SUM(overpaid) AS overpaid FROM sales WHERE status = 'paid' AND created_at >= ? AND created_at < ? GROUP BY sandbox, currency";
    const plan = (): string => (db.prepare(`EXPLAIN QUERY PLAN ${totals}`).all('a', 'b') as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan()).not.toMatch(/COVERING INDEX/);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(60);
    expect(db.prepare('SELECT * FROM sales ORDER BY id').all()).toEqual(salesBefore);
    expect(db.prepare('SELECT * FROM sale_events ORDER BY id').all()).toEqual(eventsBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(plan()).toMatch(/COVERING INDEX sales_by_status_created/);
    db.close();
  });
});
