// Doyensec's Electronegativity over the desktop shell (issue 5, item 6). Its CLI exits 0 even when it
// finds problems, so the gate reads its CSV output and fails on any finding of MEDIUM or worse.
// A deliberately insecure fixture is scanned too, to prove the gate can fail.
import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const ELECTRON_VERSION = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
}

function scan(input: string, output: string): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    // -e: the tool otherwise looks the Electron version up online, which this machine cannot.
    const child = spawn(process.execPath, ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', input, '-e', ELECTRON_VERSION, '-r', '-v', 'false', '-o', output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      if (!existsSync(output)) return reject(new Error(`electronegativity wrote no report:\n${log}`));
      const rows = parse(readFileSync(output, 'utf8'), { columns: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
      resolve(rows.map((row) => ({ issue: row.issue ?? '', severity: row.severity ?? '', confidence: row.confidence ?? '', filename: row.filename ?? '', location: row.location ?? '' })));
    });
  });
}

let work: ReturnType<typeof tempDir>;
let ours: Finding[];
let insecure: Finding[];

beforeAll(async () => {
  work = tempDir('mitilena-eng-');
  // The shell as it ships: the Electron sources and the page with its CSP.
  const app = join(work.path, 'app');
  cpSync('electron', join(app, 'electron'), { recursive: true });
  cpSync('renderer/index.html', join(app, 'renderer', 'index.html'));
  [ours, insecure] = await Promise.all([scan(app, join(work.path, 'ours.csv')), scan('test/fixtures/insecure-electron', join(work.path, 'insecure.csv'))]);
}, 120_000);

afterAll(() => work.remove());

describe('Electronegativity', () => {
  it('finds nothing of medium severity or worse in the desktop shell', () => {
    expect(ours.filter((finding) => BLOCKING.has(finding.severity.toUpperCase()))).toEqual([]);
  });

  it('does flag a deliberately insecure window, so the gate can fail', () => {
    const issues = insecure.filter((finding) => BLOCKING.has(finding.severity.toUpperCase())).map((finding) => finding.issue);
    expect(issues).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
  });
});
