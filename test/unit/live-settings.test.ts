// The owner's settings: every field checked with a message of its own, all-or-nothing, and a
// damaged stored value falling back to the defaults rather than stopping the till.
import { describe, expect, it } from 'vitest';
import { applyFlags } from '../../electron/pos/settings/flags';
import { DEFAULT_SETTINGS, readStoredSettings, SETTINGS_META_KEY } from '../../electron/pos/settings/stored';
import { validateSettingsUpdate } from '../../electron/pos/settings/validate';
import type { Ledger } from '../../electron/pos/store/ledger';

function metaStore(initial: Record<string, string> = {}): Ledger {
  const meta = new Map(Object.entries(initial));
  return { getMeta: (key: string) => meta.get(key) ?? null, setMeta: (key: string, value: string) => void meta.set(key, value) } as unknown as Ledger;
}

describe('settings validation', () => {
  it('accepts a complete, valid update and normalises it', () => {
    const checked = validateSettingsUpdate(
      {
        currency: ' jpy ',
        blockchain: 'tether-erc20',
        language: 'tr',
        shopName: '  Corner Café ',
        receiptFooter: 'Thank you!\r\nSee you soon',
        apiKey: '  live-key-1234abcd ',
        tunnelMode: 'manual',
        ngrokDomain: 'My-Shop.ngrok-free.app.',
        publicUrl: 'https://pos.example.com/hooks/',
      },
      DEFAULT_SETTINGS,
    );
    expect(checked).toEqual({
      ok: true,
      patch: {
        currency: 'JPY',
        blockchain: 'tether-erc20',
        language: 'tr',
        shopName: 'Corner Café',
        receiptFooter: 'Thank you!\nSee you soon',
        tunnelMode: 'manual',
        ngrokDomain: 'my-shop.ngrok-free.app',
        publicUrl: 'https://pos.example.com/hooks',
      },
      secrets: { apiKey: 'live-key-1234abcd' },
    });
  });

  it.each([
    ['currency', { currency: 'EURO' }, /ISO 4217/],
    ['currency', { currency: 'XYZ' }, /ISO 4217/],
    ['blockchain', { blockchain: 'bitcoin' as never }, /tether-trc20/],
    ['language', { language: 'de' as never }, /only en, cz/],
    ['shopName', { shopName: '   ' }, /Enter the shop name/],
    ['shopName', { shopName: 'x'.repeat(81) }, /80/],
    ['shopName', { shopName: 'two\nlines' }, /one line/],
    ['receiptFooter', { receiptFooter: 'y'.repeat(301) }, /300/],
    ['receiptFooter', { receiptFooter: 'bell\u0007' }, /ordinary text/],
    ['apiKey', { apiKey: 'short' }, /too short/],
    ['apiKey', { apiKey: 'has a space inside' }, /spaces/],
    ['ngrokAuthtoken', { ngrokAuthtoken: 'abc' }, /too short/],
    ['ngrokDomain', { ngrokDomain: 'https://shop.ngrok-free.app' }, /only the host name/],
    ['ngrokDomain', { ngrokDomain: 'not a host' }, /not a host name/],
    ['publicUrl', { publicUrl: 'ftp://example.com' }, /https:\/\//],
    ['publicUrl', { publicUrl: 'example.com' }, /full address/],
    ['publicUrl', { publicUrl: 'https://user:pw@example.com' }, /passwords/],
    ['publicUrl', { publicUrl: 'https://example.com/?a=1' }, /\?/],
    ['publicUrl', { tunnelMode: 'manual' as const }, /public URL of your reverse proxy/],
  ])('refuses a bad %s with a message for that field', (field, update, message) => {
    const checked = validateSettingsUpdate(update, DEFAULT_SETTINGS);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.fields)).toEqual([field]);
    expect(checked.fields[field]).toMatch(message);
  });

  it('reports every bad field at once and never echoes a secret', () => {
    const checked = validateSettingsUpdate({ currency: 'ZZZ', shopName: '', apiKey: 'sec ret value', publicUrl: 'nope' }, DEFAULT_SETTINGS);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.fields).sort()).toEqual(['apiKey', 'currency', 'publicUrl', 'shopName']);
    expect(JSON.stringify(checked)).not.toContain('sec ret value');
  });

  it('treats an empty domain or URL as "none" and null as removing a secret', () => {
    expect(validateSettingsUpdate({ ngrokDomain: '', publicUrl: '  ', apiKey: null }, DEFAULT_SETTINGS)).toEqual({
      ok: true,
      patch: { ngrokDomain: null, publicUrl: null },
      secrets: { apiKey: null },
    });
  });
});

describe('stored settings', () => {
  it('reads the defaults when nothing is stored', () => {
    expect(readStoredSettings(metaStore())).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the defaults, and says so, when the stored value is damaged', () => {
    const lines: string[] = [];
    for (const damaged of ['{not json', JSON.stringify({ currency: 'NOPE' }), JSON.stringify({ tunnelMode: 'vpn' })]) {
      expect(readStoredSettings(metaStore({ [SETTINGS_META_KEY]: damaged }), (line) => lines.push(line))).toEqual(DEFAULT_SETTINGS);
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/could not be read; using the defaults/);
  });

  it('keeps stored values and fills fields added later with defaults', () => {
    const stored = readStoredSettings(metaStore({ [SETTINGS_META_KEY]: JSON.stringify({ currency: 'KWD', shopName: 'Souk' }) }));
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, currency: 'KWD', shopName: 'Souk' });
  });

  it('lets start flags win for the run, and a public URL flag selects "my own public URL"', () => {
    const effective = applyFlags({ ...DEFAULT_SETTINGS, currency: 'USD' }, { currency: 'jpy', publicUrl: 'https://pos.example.com', ngrokDomain: 'a.ngrok.app' });
    expect(effective).toMatchObject({ currency: 'JPY', tunnelMode: 'manual', publicUrl: 'https://pos.example.com', ngrokDomain: 'a.ngrok.app' });
    expect(() => applyFlags(DEFAULT_SETTINGS, { currency: 'ZZZ' })).toThrow(/currency/);
  });
});
