// `npm run serve` runs this first: build once if the browser-mode bundle or the renderer is
// missing, so a fresh checkout can `npm run serve` directly. An existing build is left alone.
// Other commands name their own bundle too: `node scripts/ensure-built.mjs dist/shop-ledger-init.js`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIRED = ['dist/serve.js', 'dist/renderer/index.html', ...process.argv.slice(2)];

const missing = REQUIRED.filter((file) => !existsSync(path.join(ROOT, file)));
if (missing.length > 0) {
  console.log(`Not built yet (missing ${missing.join(', ')}); running npm run build…`);
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this Node, no shell needed.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
