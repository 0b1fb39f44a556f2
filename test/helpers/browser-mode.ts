// Runs `node dist/serve.js` (browser mode, as `npm run serve` does) in a child process and reads
// the two lines it promises to print.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SERVE_SCRIPT = fileURLToPath(new URL('../../dist/serve.js', import.meta.url));

export interface BrowserMode {
  process: ChildProcess;
  /** http://127.0.0.1:<port>/#token=<token> */
  cashierUrl: string;
  origin: string;
  token: string;
  webhookUrl: string;
  /** http://127.0.0.1:<port>/#display&token=<display token> (issue 12). */
  displayUrl: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startBrowserMode(args: string[], env: Record<string, string> = {}): Promise<BrowserMode> {
  if (!existsSync(SERVE_SCRIPT)) throw new Error('dist/serve.js is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [SERVE_SCRIPT, '--port', '0', ...args], {
    env: { ...process.env, MITILENA_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 20_000;
  let cashier: RegExpMatchArray | null = null;
  let webhook: RegExpMatchArray | null = null;
  let display: RegExpMatchArray | null = null;
  while (Date.now() < deadline && child.exitCode === null) {
    cashier = /^Cashier UI: (http:\/\/127\.0\.0\.1:\d+\/)#token=([0-9a-f]+)$/m.exec(output);
    webhook = /^Webhook: (\S+)$/m.exec(output);
    display = /^Customer display: (\S+)$/m.exec(output);
    if (cashier && webhook && display) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!cashier || !webhook || !display) {
    child.kill('SIGKILL');
    throw new Error(`browser mode did not start:\n${output}`);
  }
  const origin = (cashier[1] as string).replace(/\/$/, '');
  return {
    process: child,
    cashierUrl: `${cashier[1]}#token=${cashier[2]}`,
    origin,
    token: cashier[2] as string,
    webhookUrl: webhook[1] as string,
    displayUrl: display[1] as string,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Calls PosApi over browser mode's HTTP API, as the renderer does. */
export async function callApi<T = unknown>(mode: BrowserMode, method: string, args: unknown = {}): Promise<T> {
  const response = await fetch(`${mode.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mode.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}
