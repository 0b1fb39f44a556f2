// The core's start and stop around the ledger: one app per data folder, sales interrupted by a
// crash are closed, and a backup is taken by the start's work after the first screen.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/pos/core';
import { listBackups } from '../../electron/pos/store/backup';
import { LedgerMissingError } from '../../electron/pos/store/data-folder';
import { restoreBackup } from '../../electron/pos/store/restore';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { AlreadyRunningError } from '../../electron/pos/store/instance-lock';
import { Ledger } from '../../electron/pos/store/ledger';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('core lifecycle', () => {
  it('refuses a second app on the same data folder, and allows it once the first stops', async () => {
    const first = await startCore({ dataDir: dir.path, secrets: memorySecrets() });
    await expect(startCore({ dataDir: dir.path, secrets: memorySecrets() })).rejects.toThrow(AlreadyRunningError);
    await first.close();
    const second = await startCore({ dataDir: dir.path, secrets: memorySecrets() });
    await second.close();
  });

  it('fails a sale a previous run left creating its invoice, with a sentence for the cashier', async () => {
    const ledger = Ledger.open(`${dir.path}/${DATABASE_FILE}`);
    ledger.insertSale(
      { id: 'sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W', status: 'creating', amountMinor: 500, currency: 'EUR', note: '', sandbox: true, blockchain: 'tether-trc20', requestId: 'r-1', webhookUrl: null },
      '2026-11-26T09:00:00.000Z',
      { cause: 'cashier charged' },
    );
    ledger.close();
    const core = await startCore({ dataDir: dir.path, secrets: memorySecrets() });
    const sale = core.ledger.getSale('sale-01JDX3K9Q2ZB7V4M8N6P5R3T1W');
    expect(sale?.status).toBe('failed');
    expect(sale?.failure).toMatch(/stopped while this invoice was being created; nothing was charged/);
    expect(core.ledger.events(sale?.id ?? '').at(-1)?.cause).toBe('interrupted while creating the invoice');
    await core.close();
  });

  it('takes a backup at start', async () => {
    const core = await startCore({ dataDir: dir.path, secrets: memorySecrets(), startWork: { backupDelayMs: 0 } });
    await core.startWork;
    await core.close();
    expect(listBackups(dir.path)).toHaveLength(1);
  });

  it('refuses to start, creating nothing, when the ledger is gone but its backups are there; a restore brings it back', async () => {
    const first = await startCore({ dataDir: dir.path, secrets: memorySecrets(), startWork: { backupDelayMs: 0 } });
    const token = first.ledger.getMeta('webhook_token');
    await first.startWork;
    await first.close();
    const ledger = join(dir.path, DATABASE_FILE);
    rmSync(ledger);
    const before = readdirSync(dir.path).sort();
    const refusal = startCore({ dataDir: dir.path, secrets: memorySecrets() });
    await expect(refusal).rejects.toThrow(LedgerMissingError);
    await expect(startCore({ dataDir: dir.path, secrets: memorySecrets() })).rejects.toThrow(
      new RegExp(`ledger .*${DATABASE_FILE} is missing.*Nothing was created.*npm run restore -- --data ${dir.path} --from ${dir.path}/backups/counter-`),
    );
    expect(readdirSync(dir.path).sort()).toEqual(before);

    const [newest] = listBackups(dir.path);
    restoreBackup(dir.path, ledger, newest?.file as string, { now: new Date() });
    const again = await startCore({ dataDir: dir.path, secrets: memorySecrets() });
    // The same install: pending invoices' webhook URLs still lead here.
    expect(again.ledger.getMeta('webhook_token')).toBe(token);
    await again.close();
  });

  it('refuses to start when only a ledger kept by a restore is left', async () => {
    const first = await startCore({ dataDir: dir.path, secrets: memorySecrets(), startWork: { backupDelayMs: 0 } });
    await first.startWork;
    await first.close();
    const ledger = join(dir.path, DATABASE_FILE);
    copyFileSync(ledger, `${ledger}.before-restore-20261127T100000Z`);
    rmSync(ledger);
    rmSync(join(dir.path, 'backups'), { recursive: true });
    await expect(startCore({ dataDir: dir.path, secrets: memorySecrets() })).rejects.toThrow(/a ledger kept by a restore \(newest: .*before-restore-20261127T100000Z\)/);
    expect(readdirSync(dir.path)).not.toContain(DATABASE_FILE);
  });
});
