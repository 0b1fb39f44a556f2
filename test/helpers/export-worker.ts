// The bundled CSV export worker (dist/export-worker.cjs), built from the current source whether or
// not `npm run build` ran first: the tests that start the real worker call this in beforeAll.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const EXPORT_WORKER_FILE = join(process.cwd(), 'dist', 'export-worker.cjs');

export async function buildExportWorker(): Promise<void> {
  const build = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'build-main.mjs')).href)) as {
    ENTRIES: { entry: string }[];
    buildEntries(entries: { entry: string }[]): Promise<void>;
  };
  await build.buildEntries(build.ENTRIES.filter((item) => item.entry.endsWith('export-worker.ts')));
}
