// Electron's owner host with a double of shell, dialog and the window: https only for links,
// save dialogs for CSV and PDF, the PDF printed after the dialog closes.
import { describe, expect, it } from 'vitest';
import { createElectronOwnerHost, isOpenableUrl, type OwnerWindow } from '../../electron/shell/owner-host';

function double(answer: { canceled: boolean; filePath?: string }, withWindow = true) {
  const calls: string[] = [];
  const written: [string, Uint8Array][] = [];
  const window: OwnerWindow = {
    webContents: {
      printToPDF: async (options) => {
        calls.push(`printToPDF ${JSON.stringify(options)}`);
        return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
      },
    },
  };
  const host = createElectronOwnerHost({
    shell: { openExternal: async (url) => void calls.push(`open ${url}`) },
    dialog: {
      showSaveDialog: async (first: OwnerWindow | { defaultPath?: string }, second?: { defaultPath?: string; filters?: { extensions: string[] }[] }) => {
        const options = (second ?? first) as { defaultPath?: string; filters?: { extensions: string[] }[] };
        calls.push(`dialog ${second ? 'window' : 'none'} ${options.defaultPath} ${options.filters?.[0]?.extensions.join()}`);
        return answer;
      },
    },
    currentWindow: () => (withWindow ? window : null),
    defaultDirectory: () => '/home/owner/Documents/',
    writeFile: async (path, data) => void written.push([path, data]),
  });
  return { host, calls, written };
}

describe('Electron owner host', () => {
  it('opens only https links in the system browser', async () => {
    const { host, calls } = double({ canceled: true });
    await host.openExternal?.('https://tronscan.org/#/transaction/ab');
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'mitilena://x', 'not a url']) {
      await expect(host.openExternal?.(url)).rejects.toThrow(/https/);
    }
    expect(calls).toEqual(['open https://tronscan.org/#/transaction/ab']);
    expect(isOpenableUrl('https://etherscan.io/tx/0x1')).toBe(true);
  });

  it('asks where to save a CSV, and returns null when cancelled', async () => {
    const chosen = double({ canceled: false, filePath: '/home/owner/sales.csv' });
    expect(await chosen.host.chooseSavePath?.('mitilena-sales-2026-11-26.csv')).toBe('/home/owner/sales.csv');
    expect(chosen.calls).toEqual(['dialog window /home/owner/Documents/mitilena-sales-2026-11-26.csv csv']);
    expect(await double({ canceled: true }).host.chooseSavePath?.('x.csv')).toBeNull();
    const noWindow = double({ canceled: false, filePath: '/tmp/a.csv' }, false);
    expect(await noWindow.host.chooseSavePath?.('a.csv')).toBe('/tmp/a.csv');
    expect(noWindow.calls[0]).toMatch(/^dialog none/);
  });

  it('prints the page to PDF after the save dialog and writes it where the owner chose', async () => {
    const { host, calls, written } = double({ canceled: false, filePath: '/home/owner/receipt.pdf' });
    expect(await host.savePdf?.('receipt-sale-1')).toBe('/home/owner/receipt.pdf');
    expect(calls).toEqual(['dialog window /home/owner/Documents/receipt-sale-1.pdf pdf', 'printToPDF {"printBackground":true,"pageSize":"A4"}']);
    expect(written).toEqual([['/home/owner/receipt.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46])]]);
  });

  it('prints nothing when the PDF dialog is cancelled', async () => {
    const { host, calls, written } = double({ canceled: true });
    expect(await host.savePdf?.('receipt.pdf')).toBeNull();
    expect(calls).toHaveLength(1);
    expect(written).toEqual([]);
  });
});
