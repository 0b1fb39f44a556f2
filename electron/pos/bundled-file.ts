// Where a bundled worker (dist/<name>.cjs) is at run time: beside the running bundle (dist/ for
// serve.js and bench.js), one up from Electron's dist/electron/main.cjs, or dist/ under the working
// directory (tests of the source); in a packaged app, its unpacked copy (asarUnpack) first.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export function bundledFile(name: string): string {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(join(__dirname, name), join(__dirname, '..', name));
  if (process.argv[1]) candidates.push(join(dirname(process.argv[1]), name));
  candidates.push(join(process.cwd(), 'dist', name));
  const unpacked = candidates.map((file) => file.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`)).filter((file) => file.includes(`app.asar.unpacked${sep}`));
  candidates.unshift(...unpacked);
  return candidates.find((file) => existsSync(file)) ?? (candidates[candidates.length - 1] as string);
}
