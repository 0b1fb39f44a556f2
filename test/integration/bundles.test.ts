// The core and its plain-Node hosts never load Electron: the lint rule checks the sources, this checks
// what was built from them (npm test builds first), so a path around the rule cannot slip through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORTS_ELECTRON = /\bfrom\s*["']electron["']|\brequire\(\s*["']electron["']\s*\)|\bimport\(\s*["']electron["']\s*\)/;

describe('the built bundles', () => {
  it.each(['dist/serve.js', 'dist/restore.js', 'dist/shop-ledger-init.js', 'dist/export-worker.cjs'])('%s does not load electron', (file) => {
    expect(readFileSync(join(process.cwd(), file), 'utf8')).not.toMatch(IMPORTS_ELECTRON);
  });

  it('the Electron main bundle does (the check can fail)', () => {
    expect(readFileSync(join(process.cwd(), 'dist/electron/main.cjs'), 'utf8')).toMatch(IMPORTS_ELECTRON);
  });
});
