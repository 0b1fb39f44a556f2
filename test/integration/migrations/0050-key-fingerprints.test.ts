// Migration 0050 adds each sale's key fingerprint, the keys of open invoices and the keyed notices
// that could not be read: seed at 0040, migrate, compare, and try the new tables' guards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/pos/store/migrations';
import { oldSale, openAtVersion, rowsOf, seedOldSales } from '../../helpers/old-ledger';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migration 0050 (key fingerprints, open invoice keys, unreadable notices)', () => {
  it('keeps every sale and event row with a NULL fingerprint, and adds the two tables with their guards', () => {
    const db = openAtVersion(dir.path, 40);
    seedOldSales(db, 30, (i) => oldSale(i, { requestId: null, webhookUrl: null }));
    db.prepare("UPDATE sales SET confirmation = 'chain-confirmed' WHERE id = 'sale-0004'").run();
    const salesBefore = rowsOf(db, 'sales');
    const eventsBefore = rowsOf(db, 'sale_events');
    expect(salesBefore[0]).not.toHaveProperty('key_fingerprint');

    migrate(db, 50);
    expect(db.pragma('user_version', { simple: true })).toBe(50);
    expect(rowsOf(db, 'sales')).toEqual(salesBefore.map((row) => ({ ...row, key_fingerprint: null })));
    expect(rowsOf(db, 'sale_events')).toEqual(eventsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const keep = db.prepare('INSERT INTO unread_notices (at, sale_id, reason, body, body_sha256) VALUES (?, ?, ?, ?, ?) ON CONFLICT (body_sha256) DO NOTHING');
    expect(keep.run('2026-11-21T00:00:00.000Z', 'sale-0001', 'not JSON', '{', 'a'.repeat(64)).changes).toBe(1);
    expect(keep.run('2026-11-21T00:00:01.000Z', null, 'not JSON', '{', 'a'.repeat(64)).changes).toBe(0);
    expect(() => db.prepare('DELETE FROM unread_notices').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE unread_notices SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => keep.run('x', 'no-such-sale', 'r', 'b', 'b'.repeat(64))).toThrow(/FOREIGN KEY/);
    const key = db.prepare('INSERT INTO invoice_keys (fingerprint, sandbox, first_used_at, open_until) VALUES (?, ?, ?, ?)');
    key.run('f'.repeat(64), 0, '2026-11-21T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(() => key.run('f'.repeat(64), 0, '2026-11-22T00:00:00.000Z', '2026-11-25T00:00:00.000Z')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => key.run('e'.repeat(64), 2, '2026-11-22T00:00:00.000Z', '2026-11-25T00:00:00.000Z')).toThrow(/CHECK/);
    expect(db.prepare('UPDATE sales SET key_fingerprint = ? WHERE key_fingerprint IS NULL AND sandbox = 1').run('e'.repeat(64)).changes).toBe(15);
    db.close();
  });
});
