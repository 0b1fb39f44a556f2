// Bundles the Node-side entries with esbuild (the renderer is Vite's job). Each entry names a
// kind; the kind decides format and externals, so adding a worker or a bench is one line in
// ENTRIES. Entries whose source does not exist yet are skipped with a warning.
//
//   node scripts/build-main.mjs
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS code inside an ESM output calls require(); ESM has none, so give it one.
// Aliased so it cannot clash with a createRequire the bundled source imports itself.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __counterCreateRequire } from 'node:module'; const require = __counterCreateRequire(import.meta.url);";

/** How each kind of entry is bundled. */
const KINDS = {
  // Electron main process: CommonJS (Electron's main loads it with require), dependencies
  // left in node_modules so better-sqlite3 and @ngrok/ngrok find their native parts.
  'electron-main': { format: 'cjs', packages: 'external', external: ['electron'] },
  // Sandboxed preload: its require() only knows 'electron', so everything else is bundled in.
  'electron-preload': { format: 'cjs', external: ['electron'], onlyRequires: ['electron'] },
  // Plain Node ESM (browser mode, workers, bench): dependencies from node_modules.
  'node-esm': { format: 'esm', packages: 'external', banner: { js: ESM_REQUIRE_BANNER } },
  // Plain Node CommonJS, e.g. a worker started from the Electron main bundle.
  'node-cjs': { format: 'cjs', packages: 'external' },
};

/**
 * What gets built. Add workers here, e.g.
 *   { entry: 'electron/pos/export/worker.ts', outfile: 'dist/export-worker.js', kind: 'node-esm' }
 */
export const ENTRIES = [
  { entry: 'electron/shell/main.ts', outfile: 'dist/electron/main.cjs', kind: 'electron-main' },
  { entry: 'electron/shell/preload.ts', outfile: 'dist/electron/preload.cjs', kind: 'electron-preload' },
  { entry: 'electron/browser-mode/serve.ts', outfile: 'dist/serve.js', kind: 'node-esm' },
  { entry: 'test/bench/bench.ts', outfile: 'dist/bench.js', kind: 'node-esm' },
  // The desktop app's start with the Electron double, spawned by the start bench (test/bench/start.ts).
  { entry: 'test/bench/electron-start-child.ts', outfile: 'dist/bench-electron-start.js', kind: 'node-esm' },
  { entry: 'electron/cli/restore.ts', outfile: 'dist/restore.js', kind: 'node-esm' },
  { entry: 'electron/cli/diagnostics.ts', outfile: 'dist/diagnostics.js', kind: 'node-esm' },
  { entry: 'electron/cli/shop-ledger-init.ts', outfile: 'dist/shop-ledger-init.js', kind: 'node-esm' },
  // The CSV export worker, started from serve.js, bench.js (both in dist/) and Electron's
  // dist/electron/main.cjs (csv-export.ts looks beside the bundle and one folder up). CommonJS, so
  // it loads the same way under either parent, and from Electron's asar without the ESM loader.
  { entry: 'electron/pos/owner/export-worker.ts', outfile: 'dist/export-worker.cjs', kind: 'node-cjs' },
  // The ledger check of "Export diagnostics" (integrity_check reads the whole file), found the same way.
  { entry: 'electron/pos/store/ledger-health-worker.ts', outfile: 'dist/ledger-health-worker.cjs', kind: 'node-cjs' },
];

async function buildEntry({ entry, outfile, kind }) {
  const preset = KINDS[kind];
  if (!preset) throw new Error(`${entry}: unknown kind ${JSON.stringify(kind)} (known: ${Object.keys(KINDS).join(', ')})`);
  const { onlyRequires, ...options } = preset;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    logLevel: 'warning',
    metafile: true,
    ...options,
  });
  if (onlyRequires) {
    // A sandboxed preload that requires anything but 'electron' fails at runtime, in the window,
    // where nobody sees it; fail the build instead.
    const output = result.metafile.outputs[outfile.split(path.sep).join('/')];
    const stray = (output?.imports ?? []).filter((item) => item.external && !onlyRequires.includes(item.path));
    if (stray.length > 0) {
      throw new Error(`${outfile} would require ${stray.map((item) => item.path).join(', ')}; a sandboxed preload may only require ${onlyRequires.join(', ')}`);
    }
  }
  const kilobytes = (statSync(path.join(ROOT, outfile)).size / 1024).toFixed(1);
  console.log(`  ${outfile.padEnd(28)} ${kilobytes.padStart(7)} KB  (${kind})`);
}

export async function buildEntries(entries = ENTRIES) {
  console.log('Bundling the main-side entries with esbuild:');
  for (const item of entries) {
    if (!existsSync(path.join(ROOT, item.entry))) {
      console.warn(`  skipped ${item.entry}: it does not exist yet`);
      continue;
    }
    await buildEntry(item);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildEntries().catch((error) => {
    console.error(`build-main failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
