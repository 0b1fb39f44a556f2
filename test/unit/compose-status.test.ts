// The status the owner and the cashier see, composed purely from facts: the ledger is asked for two
// numbers (how many live sales are pending, which pending sales went to an older URL), never a list.
import { describe, expect, it } from 'vitest';
import { composeStatus, type StatusFacts } from '../../electron/pos/mode/status';
import { UNKNOWN } from '../../electron/pos/tunnel/reachability';

const LIVE_URL = 'https://new.example/mitilena/webhook/t';

function facts(overrides: Partial<StatusFacts> = {}): StatusFacts {
  return {
    mode: 'live',
    settings: { currency: 'EUR', blockchain: 'tether-trc20', shopName: 'Shop', tunnelMode: 'manual', ngrokDomain: null },
    apiKey: 'live-key-0123456789-abcd',
    hasAuthtoken: false,
    version: '0.1.0',
    route: { webhookUrl: LIVE_URL, tunnel: { state: 'online', url: 'https://new.example', message: 'your own public URL' } },
    check: { reachability: { state: 'reachable', message: 'ok', checkedAt: '2026-11-26T10:00:00.000Z' }, url: LIVE_URL },
    secretsWarning: null,
    chainNote: null,
    stranded: null,
    pendingLive: 0,
    moreWarnings: [],
    ...overrides,
  };
}

describe('the status', () => {
  it('opens Charge in live mode once the current URL was proven reachable, and shows only the last 4 of the key', () => {
    const status = composeStatus(facts());
    expect(status).toMatchObject({ mode: 'live', hasApiKey: true, apiKeyLast4: 'abcd', webhookUrl: LIVE_URL, chargeBlockedReason: null, warnings: [] });
    expect(JSON.stringify(status)).not.toContain('live-key-0123456789');
  });

  it('keeps Charge closed while the check is about another URL or still running', () => {
    expect(composeStatus(facts({ check: { reachability: { state: 'reachable', message: null, checkedAt: null }, url: 'https://old.example/x' } })).chargeBlockedReason).toMatch(/^Checking that payment notices can reach/);
    expect(composeStatus(facts({ check: { reachability: { state: 'checking', message: null, checkedAt: null }, url: LIVE_URL } })).chargeBlockedReason).toMatch(/Nothing was charged\.$/);
  });

  it('tells the owner about pending live sales whose notices go to an older URL, with that URL\'s origin', () => {
    const status = composeStatus(facts({ stranded: { count: 2, newestWebhookUrl: 'https://old.example/mitilena/webhook/t' } }));
    expect(status.warnings).toEqual([expect.stringMatching(/^The public URL changed: 2 pending sales send their notices to the old URL \(https:\/\/old\.example\)/)]);
  });

  it('in the sandbox: no check needed, Charge open, and live sales still pending without a key are counted', () => {
    const status = composeStatus(facts({ mode: 'sandbox', apiKey: null, check: { reachability: UNKNOWN, url: null }, pendingLive: 3, stranded: { count: 9, newestWebhookUrl: 'https://ignored.example' } }));
    expect(status.reachability).toEqual({ ...UNKNOWN, message: 'Not needed in sandbox mode.' });
    expect(status.chargeBlockedReason).toBeNull();
    expect(status.warnings).toEqual([expect.stringMatching(/^3 live sales are still pending, but no API key is set/)]);
  });

  it('puts the secret store\'s warning first and the other parts\' lines last', () => {
    const status = composeStatus(facts({ secretsWarning: 'No keyring.', chainNote: 'Not watched.', moreWarnings: ['1 payment recovered'] }));
    expect(status.warnings).toEqual(['No keyring.', 'Not watched.', '1 payment recovered']);
  });
});
