// The owner's PIN and the cashiers through the running core, as a window or a browser tab calls it:
// every owner-only method refused while locked, allowed once unlocked, locked again by lockOwner and
// after ten idle minutes (an injected clock); wrong PINs slowed down; a sale says who took it; and the
// PINs themselves nowhere on disk, in events or in the status.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER_ONLY_IN_SHOP_SCOPE, OWNER_ONLY_METHODS } from '../../electron/pos/access/handlers';
import { waitAfter } from '../../electron/pos/access/wrong-pins';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { dispatch, type CallContext } from '../../electron/pos/dispatch';
import { createFileSecretStore } from '../../electron/pos/settings/secrets-file';
import type { AccessState } from '../../shared/access';
import type { PosMethodName } from '../../shared/api';
import type { Result } from '../../shared/result';
import type { Sale } from '../../shared/sale';
import { manualClock, tempDir } from '../helpers/temp';

const OWNER_PIN = '73915046';
const ANA_PIN = '26048153';
const BORIS_PIN = '5919';
const WINDOW: CallContext = { session: 'window-1', role: 'counter' };
const TAB: CallContext = { session: 'tab-aaaaaaaaaaaaaaaa', role: 'counter' };
const SALE_ID = 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W';

let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
let clock: ReturnType<typeof manualClock>;
const logged: string[] = [];
const emitted: string[] = [];

beforeEach(async () => {
  dir = tempDir();
  clock = manualClock(new Date('2026-11-26T10:00:00.000Z'));
  const secrets = createFileSecretStore({ dataDir: dir.path, env: {} });
  await secrets.set('etherscanApiKey', 'etherscan-key-0001');
  core = await startCore({ dataDir: dir.path, secrets, now: clock.now, log: (line) => logged.push(line) });
  core.on('sale-updated', (sale) => emitted.push(JSON.stringify(sale)));
  core.on('status-changed', (status) => emitted.push(JSON.stringify(status)));
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

const call = <T = unknown>(method: PosMethodName, args: unknown, context: CallContext = WINDOW): Promise<Result<T>> => dispatch(core, method, args, context) as Promise<Result<T>>;
const codeOf = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

/** Arguments each owner-only method accepts; the sale does not exist, so an allowed call answers not-found at worst. */
const OWNER_CALLS: Record<(typeof OWNER_ONLY_METHODS)[number], unknown> = {
  updateSettings: { receiptFooter: 'Thank you' },
  voidSale: { saleId: SALE_ID, reason: 'test void' },
  markPaid: { saleId: SALE_ID, txHash: '0xfeedbeef0011', note: 'seen in wallet' },
  resolveReview: { saleId: SALE_ID, decision: 'accept', reason: 'looks fine' },
  refundSale: { saleId: SALE_ID, amount: '1.5', txHash: '0xrefund0011', reason: 'returned' },
  exportCsv: { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z' },
  closeDay: { date: '2026-11-25' },
  exportDiagnostics: {},
  shopCounters: {},
};

async function codesOfOwnerCalls(context: CallContext): Promise<Record<string, string>> {
  const codes: Record<string, string> = {};
  for (const [method, args] of Object.entries(OWNER_CALLS)) codes[method] = codeOf(await call(method as PosMethodName, args, context));
  return codes;
}

const everyCode = (code: string): Record<string, string> => Object.fromEntries(OWNER_ONLY_METHODS.map((method) => [method, code]));

describe("the owner's PIN", () => {
  it('guards exactly the owner-only methods of the issue', () => {
    expect([...OWNER_ONLY_METHODS].sort()).toEqual(['closeDay', 'exportCsv', 'exportDiagnostics', 'markPaid', 'refundSale', 'resolveReview', 'shopCounters', 'updateSettings', 'voidSale']);
    expect([...OWNER_ONLY_IN_SHOP_SCOPE].sort()).toEqual(['dayClose', 'getDayClose', 'historyPage', 'historySummary', 'listDayCloses']);
  });

  it('keeps the whole shop (scope shop) behind the PIN while this counter’s own history stays open', async () => {
    const range = { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z' };
    const shopCalls: [PosMethodName, unknown][] = [
      ['historyPage', { ...range, scope: 'shop' }],
      ['historySummary', { ...range, scope: 'shop' }],
      ['dayClose', { ...range, scope: 'shop' }],
      ['closeDay', { date: '2026-11-25', scope: 'shop' }],
      ['exportCsv', { ...range, scope: 'shop' }],
    ];
    await call('updateSettings', { ownerPin: OWNER_PIN });
    for (const [method, args] of shopCalls) expect(codeOf(await call(method, args, TAB)), method).toBe('owner-locked');
    for (const method of ['historyPage', 'historySummary', 'dayClose'] as const) expect(codeOf(await call(method, { ...range, scope: 'counter' }, TAB)), method).toBe('ok');
    await call('unlockOwner', { pin: OWNER_PIN }, TAB);
    // Unlocked, the shop scope is reached; with no owner URL set it says what to set (and changes nothing).
    for (const [method, args] of shopCalls) {
      const result = await call(method, args, TAB);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringContaining('SHOP_LEDGER_OWNER_URL') } });
    }
    expect(codeOf(await call('historyPage', { ...range, scope: 'everywhere' }, TAB))).toBe('invalid-input');
    expect(codeOf(await call('historyPage', { ...range, scope: 'shop', counter: 'till-1' }, TAB))).toBe('invalid-input');
  });

  it('refuses every owner-only method while locked, allows them once unlocked, and locks again with lockOwner and after 10 idle minutes', async () => {
    // No PIN: everything works as before.
    expect(Object.values(await codesOfOwnerCalls(TAB))).not.toContain('owner-locked');
    expect(await call('updateSettings', { ownerPin: OWNER_PIN })).toMatchObject({ ok: true, value: { access: { ownerPinSet: true } } });
    // The window that set it stays unlocked; another tab is locked.
    expect(await call<AccessState>('getAccess', {}, WINDOW)).toMatchObject({ ok: true, value: { ownerPinSet: true, ownerUnlocked: true } });
    expect(await call<AccessState>('getAccess', {}, TAB)).toMatchObject({ ok: true, value: { ownerPinSet: true, ownerUnlocked: false } });
    expect(await codesOfOwnerCalls(TAB)).toEqual(everyCode('owner-locked'));
    // Reading is not owner-only: history and receipts stay open.
    expect(codeOf(await call('historySummary', { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z' }, TAB))).toBe('ok');

    expect(codeOf(await call('unlockOwner', { pin: '00000000' }, TAB))).toBe('invalid-input');
    expect(await call('unlockOwner', { pin: OWNER_PIN }, TAB)).toMatchObject({ ok: true, value: { ownerUnlocked: true, ownerUnlockedUntil: '2026-11-26T10:10:00.000Z' } });
    expect(Object.values(await codesOfOwnerCalls(TAB))).not.toContain('owner-locked');

    expect(await call('lockOwner', {}, TAB)).toMatchObject({ ok: true, value: { ownerUnlocked: false } });
    expect(await codesOfOwnerCalls(TAB)).toEqual(everyCode('owner-locked'));

    // Idle time: each owner action starts the ten minutes again; ten minutes without one locks.
    await call('unlockOwner', { pin: OWNER_PIN }, TAB);
    clock.advance(9 * 60_000);
    expect(codeOf(await call('voidSale', OWNER_CALLS.voidSale, TAB))).toBe('not-found');
    clock.advance(9 * 60_000);
    expect(codeOf(await call('closeDay', OWNER_CALLS.closeDay, TAB))).toBe('ok');
    clock.advance(10 * 60_000);
    expect(await codesOfOwnerCalls(TAB)).toEqual(everyCode('owner-locked'));
    expect(await call('getAccess', {}, TAB)).toMatchObject({ ok: true, value: { ownerUnlocked: false, ownerUnlockedUntil: null } });

    // Changing or removing the PIN needs the owner; a new PIN ends every other window's unlock.
    await call('unlockOwner', { pin: OWNER_PIN }, TAB);
    expect(codeOf(await call('updateSettings', { ownerPin: '11112222' }, TAB))).toBe('ok');
    expect(codeOf(await call('voidSale', OWNER_CALLS.voidSale, WINDOW))).toBe('owner-locked');
    expect(codeOf(await call('updateSettings', { ownerPin: null }, TAB))).toBe('ok');
    expect(Object.values(await codesOfOwnerCalls(WINDOW))).not.toContain('owner-locked');
  });

  it('makes each wrong PIN after the fifth wait twice as long, even for the right one', async () => {
    await call('updateSettings', { ownerPin: OWNER_PIN });
    for (let i = 0; i < 5; i++) expect(codeOf(await call('unlockOwner', { pin: '12345678' }, TAB))).toBe('invalid-input');
    const waiting = await call('unlockOwner', { pin: OWNER_PIN }, TAB);
    expect(waiting).toMatchObject({ ok: false, error: { code: 'invalid-state', message: 'Too many wrong PINs. Try again in 1 second.' } });
    clock.advance(1_000);
    expect(codeOf(await call('unlockOwner', { pin: '12345678' }, TAB))).toBe('invalid-input');
    expect(await call('unlockOwner', { pin: OWNER_PIN }, TAB)).toMatchObject({ ok: false, error: { message: 'Too many wrong PINs. Try again in 2 seconds.' } });
    clock.advance(2_000);
    expect(codeOf(await call('unlockOwner', { pin: '12345678' }, TAB))).toBe('invalid-input');
    // Another tab is the same door: opening one does not start the count again.
    expect(await call('unlockOwner', { pin: OWNER_PIN }, WINDOW)).toMatchObject({ ok: false, error: { message: 'Too many wrong PINs. Try again in 4 seconds.' } });
    clock.advance(4_000);
    expect(codeOf(await call('unlockOwner', { pin: OWNER_PIN }, TAB))).toBe('ok');
    // The right PIN starts the count again.
    expect(codeOf(await call('unlockOwner', { pin: '12345678' }, TAB))).toBe('invalid-input');
    expect(codeOf(await call('unlockOwner', { pin: OWNER_PIN }, TAB))).toBe('ok');
    expect([0, 4, 5, 6, 7, 10, 30].map(waitAfter)).toEqual([0, 0, 1_000, 2_000, 4_000, 32_000, 15 * 60_000]);
  });
});

describe('cashiers', () => {
  it('asks for a cashier PIN before charging and records who took each sale', async () => {
    expect(await call('updateSettings', { cashiers: [{ name: 'Ana', pin: ANA_PIN }, { name: 'Boris', pin: BORIS_PIN }] })).toMatchObject({
      ok: true,
      value: { access: { ownerPinSet: false, cashiers: [{ name: 'Ana' }, { name: 'Boris' }] } },
    });
    expect(await call('startSale', { amount: '4.20' })).toMatchObject({ ok: false, error: { code: 'not-ready', message: 'Sign in with your cashier PIN before charging.' } });
    expect(codeOf(await call('signInCashier', { pin: '0000' }))).toBe('invalid-input');
    expect(await call('signInCashier', { pin: ANA_PIN })).toMatchObject({ ok: true, value: { cashiersEnabled: true, cashier: { name: 'Ana' } } });
    expect(await call('signInCashier', { pin: BORIS_PIN }, TAB)).toMatchObject({ ok: true, value: { cashier: { name: 'Boris' } } });
    const ana = await call<Sale>('startSale', { amount: '4.20' });
    const boris = await call<Sale>('startSale', { amount: '2.10' }, TAB);
    expect([ana.ok && ana.value.cashier, boris.ok && boris.value.cashier]).toEqual(['Ana', 'Boris']);
    const receipt = await call<{ sale: Sale }>('getReceipt', { saleId: boris.ok ? boris.value.id : '' });
    expect(receipt.ok && receipt.value.sale.cashier).toBe('Boris');
    const search = await call<{ sales: Sale[] }>('historyPage', { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', search: 'bori' });
    expect(search.ok && search.value.sales.map((sale) => sale.cashier)).toEqual(['Boris']);
    // With no owner PIN, what a signed-in cashier does as the owner is booked under her name.
    expect(await call('closeDay', { date: '2026-11-25' })).toMatchObject({ ok: true, value: { closedBy: { role: 'cashier', name: 'Ana' } } });

    expect(await call('signOutCashier', {})).toMatchObject({ ok: true, value: { cashier: null } });
    expect(codeOf(await call('startSale', { amount: '1.00' }))).toBe('not-ready');
  });

  it('refuses a PIN two people would share, and keeps a cashier’s PIN when only the name changes', async () => {
    await call('updateSettings', { ownerPin: OWNER_PIN });
    const same = await call('updateSettings', { cashiers: [{ name: 'Ana', pin: OWNER_PIN }] });
    expect(same).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { cashiers: expect.stringMatching(/PIN of their own/) } } });
    expect(JSON.stringify(same)).not.toContain(OWNER_PIN);
    expect(codeOf(await call('updateSettings', { cashiers: [{ name: 'Ana', pin: ANA_PIN }, { name: 'Eve', pin: ANA_PIN }] }))).toBe('invalid-input');
    expect(codeOf(await call('updateSettings', { cashiers: [{ name: 'Ana', pin: ANA_PIN }, { name: 'ana', pin: BORIS_PIN }] }))).toBe('invalid-input');
    const saved = await call<{ access: { cashiers: { id: string; name: string }[] } }>('updateSettings', { cashiers: [{ name: 'Ana', pin: ANA_PIN }] });
    const id = saved.ok ? (saved.value.access.cashiers[0]?.id as string) : '';
    await call('updateSettings', { cashiers: [{ id, name: 'Ana K.' }] });
    expect(await call('signInCashier', { pin: ANA_PIN }, TAB)).toMatchObject({ ok: true, value: { cashier: { id, name: 'Ana K.' } } });
    // Removed from the list: signed out everywhere.
    await call('updateSettings', { cashiers: [] });
    expect(await call('getAccess', {}, TAB)).toMatchObject({ ok: true, value: { cashiersEnabled: false, cashier: null } });
  });
});

describe('PINs at rest', () => {
  it('keeps only scrypt hashes in the ledger: the PINs are in no file of the data folder, no event, no status and no log', async () => {
    await call('updateSettings', { ownerPin: OWNER_PIN, cashiers: [{ name: 'Ana', pin: ANA_PIN }] });
    await call('unlockOwner', { pin: OWNER_PIN }, TAB);
    await call('signInCashier', { pin: ANA_PIN }, TAB);
    await call('startSale', { amount: '3.00' }, TAB);
    await call('updateSettings', { shopName: 'Pin Test Shop' }, TAB);
    const stored = JSON.parse(core.ledger.getMeta('access') ?? '{}') as { ownerPin: string; cashiers: { pin: string }[] };
    expect(stored.ownerPin).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored.cashiers[0]?.pin).toMatch(/^scrypt\$/);
    const status = await call('getStatus', {});
    const texts = [JSON.stringify(status), JSON.stringify(await call('getSettings', {})), ...emitted, ...logged];

    const files = filesUnder(dir.path);
    expect(files.map((file) => file.slice(dir.path.length + 1))).toEqual(expect.arrayContaining(['counter.sqlite3', 'counter.sqlite3-wal', 'secrets.json']));
    for (const pin of [OWNER_PIN, ANA_PIN]) {
      for (const file of files) {
        const bytes = readFileSync(file);
        expect(bytes.includes(Buffer.from(pin, 'utf8')), `${pin} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(pin, 'utf16le')), `${pin} (UTF-16) in ${file}`).toBe(false);
      }
      for (const text of texts) expect(text).not.toContain(pin);
    }
  });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
