// A CSV export of a large ledger running in its workers while paid notices arrive over real HTTP:
// every notice is committed and announced, and the export still writes every sale of its range.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../electron/pos/core';
import { DATABASE_FILE } from '../../electron/pos/store/data-folder';
import { seedManySales } from '../bench/sales-seed';
import { buildExportWorker } from '../helpers/export-worker';
import { paidNoticeFor, postNoticeBody } from '../helpers/notices';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

beforeAll(async () => {
  // The core finds the bundled worker in dist/: build it from the current source.
  await buildExportWorker();
});

let dir: ReturnType<typeof tempDir>;
let core: RunningCore;
const exportPath = (): string => join(dir.path, 'export.csv');
const SEEDED = 60_000;
const NOTICES = 40;

beforeEach(async () => {
  dir = tempDir();
  core = await startCore({ dataDir: join(dir.path, 'data'), currency: 'EUR', secrets: memorySecrets(), host: { chooseSavePath: async () => exportPath() } });
  seedManySales(join(dir.path, 'data', DATABASE_FILE), SEEDED, new Date('2026-11-27T00:00:00.000Z'), 30);
});

afterEach(async () => {
  await core.close();
  dir.remove();
});

describe('an export while notices arrive', () => {
  it('loses no notice, and the export still holds every sale of its range', async () => {
    const key = core.ledger.getMeta('sandbox_key') as string;
    const sales = [];
    for (let i = 0; i < NOTICES; i++) {
      const started = await core.handlers.startSale({ amount: `${1 + i}.00` });
      if (!started.ok) throw new Error(started.error.message);
      sales.push(started.value);
    }
    const announced = new Set<string>();
    const stop = core.on('sale-updated', (sale) => {
      if (sale.status === 'paid') announced.add(sale.id);
    });
    let exportDone = false;
    const context = { session: 'test', role: 'counter' as const };
    const exporting = core.handlers.exportCsv({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z', bom: false }, context).finally(() => (exportDone = true));
    const answers: number[] = [];
    for (const [i, sale] of sales.entries()) {
      const body = JSON.stringify(paidNoticeFor(sale, key, { blockchainHash: i.toString(16).padStart(64, '0') }));
      answers.push(await postNoticeBody(core.webhookLocalUrl, body, key));
    }
    const noticesDoneWhileExporting = !exportDone;
    const result = await exporting;
    stop();
    expect(answers).toEqual(sales.map(() => 200));
    expect(sales.map((sale) => core.ledger.getSale(sale.id)?.status)).toEqual(sales.map(() => 'paid'));
    expect([...announced].sort()).toEqual(sales.map((sale) => sale.id).sort());
    expect(result).toEqual({ ok: true, value: { path: exportPath(), downloadUrl: null, rows: SEEDED } });
    expect(readFileSync(exportPath(), 'utf8').split('\r\n').length).toBeGreaterThan(SEEDED);
    // The point of the test: the notices were answered while the export was still running.
    expect(noticesDoneWhileExporting).toBe(true);
  }, 120_000);
});
