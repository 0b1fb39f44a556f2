// The remembered webhook port is ours or we stop: behind the owner's own reverse proxy, pending
// invoices point at that port, so a squatter on it refuses the start (its name in the message);
// with ngrok or in the sandbox the listener moves to a new port as before.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, WebhookPortTakenError, type CoreOptions } from '../../electron/pos/core';
import { SERVE_SCRIPT } from '../helpers/browser-mode';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

const API_KEY = 'mk_live_PORT_TEST_0123456789abcdef';
const PUBLIC_URL = 'https://shop.example/counter';

let dir: ReturnType<typeof tempDir>;
let squatter: Server | null = null;
let connections = 0;
beforeEach(() => {
  dir = tempDir();
  connections = 0;
});
afterEach(async () => {
  await unsquat();
  dir.remove();
});

async function unsquat(): Promise<void> {
  const server = squatter;
  squatter = null;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}

function squat(port: number): Promise<void> {
  squatter = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    squatter?.once('error', reject);
    squatter?.listen(port, '127.0.0.1', () => resolve());
  });
}

/** Starts once to remember a port, stops, and lets another program take that port. */
async function rememberThenSquat(options: Omit<CoreOptions, 'dataDir'>): Promise<number> {
  const first = await startCore({ dataDir: dir.path, ...options });
  const port = first.ledger.getMeta('webhook_port');
  await first.close();
  await squat(Number(port));
  return Number(port);
}

describe('the remembered webhook port', () => {
  it('refuses to start behind the owner\'s own public URL (--public-url) when another program holds it', async () => {
    const options = { secrets: memorySecrets({ apiKey: API_KEY }), publicUrl: PUBLIC_URL, gatewayUrl: 'http://127.0.0.1:9/api' };
    const port = await rememberThenSquat(options);
    const refusal = startCore({ dataDir: dir.path, ...options });
    await expect(refusal).rejects.toThrow(WebhookPortTakenError);
    await expect(startCore({ dataDir: dir.path, ...options })).rejects.toThrow(new RegExp(`The webhook port ${port} is taken by another program.*invoices still pending point there`));
    // Nothing was sent to the squatter, and the folder is free again for a start once it is gone.
    expect(connections).toBe(0);
    await unsquat();
    const again = await startCore({ dataDir: dir.path, ...options });
    expect(again.ledger.getMeta('webhook_port')).toBe(String(port));
    await again.close();
  });

  it('makes browser mode exit 1 naming the port', async () => {
    const port = await rememberThenSquat({ secrets: memorySecrets({ apiKey: API_KEY }), publicUrl: PUBLIC_URL, gatewayUrl: 'http://127.0.0.1:9/api' });
    const run = spawnSync(process.execPath, [SERVE_SCRIPT, '--port', '0', '--data', dir.path, '--public-url', PUBLIC_URL], { encoding: 'utf8', env: { ...process.env, MITILENA_API_KEY: API_KEY }, timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`serve: The webhook port ${port} is taken by another program.`);
    expect(run.stdout).not.toMatch(/Cashier UI/);
    expect(connections).toBe(0);
  });

  it('refuses too when "my own public URL" is the saved tunnel setting', async () => {
    const secrets = memorySecrets({ apiKey: API_KEY });
    const first = await startCore({ dataDir: dir.path, secrets, gatewayUrl: 'http://127.0.0.1:9/api' });
    expect((await first.handlers.updateSettings({ tunnelMode: 'manual', publicUrl: PUBLIC_URL })).ok).toBe(true);
    const port = Number(first.ledger.getMeta('webhook_port'));
    await first.close();
    await squat(port);
    await expect(startCore({ dataDir: dir.path, secrets, gatewayUrl: 'http://127.0.0.1:9/api' })).rejects.toThrow(new RegExp(`webhook port ${port} is taken`));
  });

  it('moves to a new port with ngrok (the tunnel follows) and in the sandbox, saying so', async () => {
    for (const secrets of [memorySecrets({ apiKey: API_KEY }), memorySecrets()]) {
      await unsquat();
      const lines: string[] = [];
      const port = await rememberThenSquat({ secrets, gatewayUrl: 'http://127.0.0.1:9/api' });
      const core = await startCore({ dataDir: dir.path, secrets, gatewayUrl: 'http://127.0.0.1:9/api', log: (line) => lines.push(line) });
      try {
        expect(Number(core.ledger.getMeta('webhook_port'))).not.toBe(port);
        expect(lines).toContain(`webhook: port ${port} is taken, using another; invoices still pending from before will not reach this counter`);
      } finally {
        await core.close();
      }
    }
  });

  it('names an explicit --webhook-port that is taken', async () => {
    await squat(0);
    const port = (squatter?.address() as { port: number }).port;
    await expect(startCore({ dataDir: dir.path, secrets: memorySecrets(), webhookPort: port })).rejects.toThrow(`The webhook port ${port} (--webhook-port) is taken by another program`);
  });
});
