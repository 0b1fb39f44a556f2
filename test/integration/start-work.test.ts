// The start's work that grows with the ledger (the expiry sweep, chain recovery, the day's backup) runs
// after the host's first screen can be served: the core answers over real HTTP while that work still
// waits, the work then does what the start did before, and notices that arrive before or during the
// sweep are judged as they would be after it. The host's "first screen" is a promise the test holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-mode/browser-host';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { EXPIRY_BATCH_SALES } from '../../electron/pos/sales/service';
import { listBackups } from '../../electron/pos/store/backup';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { Ledger } from '../../electron/pos/store/ledger';
import type { Sale } from '../../shared/sale';
import { seedSale } from '../bench/sales-seed';
import { paidNoticeFor, postNotice } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { manualClock, tempDir } from '../helpers/temp';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const MINUTE_MS = 60_000;
const TOKEN = 'b'.repeat(64);

let dir: ReturnType<typeof tempDir>;
let core: RunningCore | null;
let host: BrowserHost | null;

beforeEach(() => {
  dir = tempDir();
  core = null;
  host = null;
});

afterEach(async () => {
  await host?.close();
  await core?.close();
  dir.remove();
});

/** A gate the test opens by hand: the host's "first screen can be served". */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Sales a previous run left behind, written before the core starts: pending ones expiring at the given minutes from NOW. */
function seedLedger(expiringInMinutes: number[], interrupted = 0): Sale[] {
  const ledger = Ledger.open(join(dir.path, DATABASE_FILE));
  const at = new Date(NOW.getTime() - 60 * MINUTE_MS).toISOString();
  const pending = expiringInMinutes.map((minutes, i) =>
    seedSale(ledger, { at, status: 'pending', sandbox: true, amountMinor: 1000 + i, patch: { expiresAt: new Date(NOW.getTime() + minutes * MINUTE_MS).toISOString() } }),
  );
  for (let i = 0; i < interrupted; i++) seedSale(ledger, { at, status: 'creating', sandbox: true, patch: { invoiceId: null, cryptoAmount: null, expiresAt: null } });
  ledger.close();
  return pending;
}

function statusOf(sale: Sale): string {
  return (core as RunningCore).ledger.getSale(sale.id)?.status ?? 'missing';
}

async function notice(sale: Sale): Promise<number> {
  const running = core as RunningCore;
  const key = running.ledger.getMeta('sandbox_key') as string;
  return (await postNotice(running.webhookLocalUrl, paidNoticeFor(sale, key), key)).status;
}

describe("the start's work after the first screen", () => {
  it('answers the first request before the sweep and the backup, then expires, resolves and backs up as the start did', async () => {
    const [due, later] = seedLedger([-5, 30], 1);
    const firstScreen = gate();
    core = await startCore({ dataDir: dir.path, currency: 'EUR', now: manualClock(NOW).now, secrets: memorySecrets(), startWork: { after: firstScreen.promise, backupDelayMs: 0 } });
    let workDone = false;
    void core.startWork.then(() => (workDone = true));
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>counter</title>');
    host = await startBrowserHost({ core, token: TOKEN, rendererDir, port: 0 });

    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    const status = await fetch(`http://127.0.0.1:${host.port}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);
    // Answered while the work still waits for the first screen: nothing swept, no backup yet.
    expect(workDone).toBe(false);
    expect(statusOf(due as Sale)).toBe('pending');
    expect(listBackups(dir.path)).toHaveLength(0);
    // A sale a crash left creating is resolved before the first answer (bounded by such sales, not by the ledger).
    expect(core.ledger.listSales({ status: 'creating' })).toEqual([]);
    const [failed] = core.ledger.listSales({ status: 'failed' });
    expect(failed?.failure).toMatch(/stopped while this invoice was being created; nothing was charged/);

    const expired: string[] = [];
    core.on('sale-updated', (sale) => sale.status === 'expired' && expired.push(sale.id));
    firstScreen.open();
    const report = await core.startWork;
    expect(report).toMatchObject({ expired: 1, completed: true });
    expect(expired).toEqual([due?.id]);
    expect(statusOf(due as Sale)).toBe('expired');
    expect(core.ledger.events((due as Sale).id).at(-1)).toMatchObject({ fromStatus: 'pending', toStatus: 'expired', cause: 'invoice expired' });
    expect(statusOf(later as Sale)).toBe('pending');
    expect(listBackups(dir.path).map((backup) => backup.file)).toEqual([report.backup?.file]);
  });

  it('keeps a payment for a sale the sweep has not reached yet for review as late, and pays a sale still open', async () => {
    const [due, open] = seedLedger([-5, 30]);
    const firstScreen = gate();
    core = await startCore({ dataDir: dir.path, currency: 'EUR', now: manualClock(NOW).now, secrets: memorySecrets(), startWork: { after: firstScreen.promise } });

    expect(await notice(due as Sale)).toBe(200);
    expect(await notice(open as Sale)).toBe(200);
    const late = core.ledger.getSale((due as Sale).id);
    expect(late).toMatchObject({ status: 'review', reviewReason: 'late' });
    expect(statusOf(open as Sale)).toBe('paid');

    firstScreen.open();
    expect(await core.startWork).toMatchObject({ expired: 0, completed: true });
    // The sweep moves only pending sales: the late payment stays for the owner, nothing is undone.
    expect(core.ledger.getSale((due as Sale).id)).toEqual(late);
    expect(statusOf(open as Sale)).toBe('paid');
  });

  it('applies notices that arrive between two batches of the sweep: late for the swept and the unswept, paid for the open', async () => {
    const dueCount = EXPIRY_BATCH_SALES + 10;
    // The longest expired first: the first batch takes the first EXPIRY_BATCH_SALES sales, the second the rest.
    const sales = seedLedger([...Array.from({ length: dueCount }, (_, i) => -dueCount - 5 + i), 30]);
    const swept = sales[3] as Sale;
    const unswept = sales[EXPIRY_BATCH_SALES + 4] as Sale;
    const open = sales[dueCount] as Sale;
    const paused = gate();
    const resume = gate();
    core = await startCore({
      dataDir: dir.path,
      currency: 'EUR',
      now: manualClock(NOW).now,
      secrets: memorySecrets(),
      startWork: {
        betweenBatches: async () => {
          paused.open();
          await resume.promise;
        },
      },
    });
    await paused.promise;
    expect(statusOf(swept)).toBe('expired');
    expect(statusOf(unswept)).toBe('pending');

    expect(await notice(swept)).toBe(200);
    expect(await notice(unswept)).toBe(200);
    expect(await notice(open)).toBe(200);
    expect(core.ledger.getSale(swept.id)).toMatchObject({ status: 'review', reviewReason: 'late' });
    expect(core.ledger.getSale(unswept.id)).toMatchObject({ status: 'review', reviewReason: 'late' });
    expect(statusOf(open)).toBe('paid');

    resume.open();
    const report = await core.startWork;
    // Every due sale but the one a notice reached first; the paid and the reviewed stay as they are.
    expect(report).toMatchObject({ expired: dueCount - 1, completed: true });
    expect(core.ledger.getSale(unswept.id)).toMatchObject({ status: 'review', reviewReason: 'late' });
    expect(statusOf(open)).toBe('paid');
    expect(core.ledger.listSales({ status: 'pending' }).map((sale) => sale.id)).toEqual([]);
    expect(core.ledger.listSales({ status: 'expired', limit: 1000 })).toHaveLength(dueCount - 2);
  });

  it('closes while the work still waits for the first screen, without running it', async () => {
    const [due] = seedLedger([-5]);
    core = await startCore({ dataDir: dir.path, currency: 'EUR', now: manualClock(NOW).now, secrets: memorySecrets(), startWork: { after: gate().promise } });
    const running = core;
    await running.close();
    core = null;
    expect(await running.startWork).toMatchObject({ completed: false, expired: 0, backup: null });
    const ledger = Ledger.open(join(dir.path, DATABASE_FILE));
    expect(ledger.getSale((due as Sale).id)?.status).toBe('pending');
    ledger.close();
  });
});
