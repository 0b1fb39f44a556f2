// Browser mode's start on a given data folder: from spawning `node dist/serve.js` to the cashier UI
// answering its first page (serve.js beside the running bench bundle) (the "Cashier UI" line printed, then GET / answered), median of runs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { freePort } from '../helpers/ports';
import { median } from './stats';

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(dirname(process.argv[1] as string), 'serve.js'), '--data', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('Cashier UI:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code} before it was ready`)));
    });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    await page.text();
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function readyMs(dataDir: string, runs = 3): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await startOnce(dataDir));
  return median(samples);
}
