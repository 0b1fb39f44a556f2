import { describe, expect, it } from 'vitest';
import { NOT_SIGNED_IN_MESSAGE, readReply } from '../../renderer/http-reply';
import { tokenFromHash } from '../../renderer/session-token';

const status = {
  mode: 'sandbox',
  currency: 'EUR',
  blockchain: 'tether-trc20',
  shopName: 'Shop',
  hasApiKey: true,
  apiKeyLast4: '1234',
  webhookUrl: null,
  version: '0.1.0',
  tunnel: { state: 'off', url: null, message: null },
  reachability: { state: 'unknown', message: null, checkedAt: null },
  chargeBlockedReason: null,
  warnings: [],
};

describe('browser-mode replies', () => {
  it('accepts a value that matches the method result schema', () => {
    expect(readReply('getStatus', 200, { ok: true, value: status })).toEqual({ ok: true, value: status });
  });

  it('refuses a value that does not match, with a sentence instead of a crash', () => {
    const result = readReply('getStatus', 200, { ok: true, value: { mode: 'sandbox' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });

  it("passes the service's error through as written", () => {
    const body = { ok: false, error: { code: 'gateway-refused', message: 'fiatAmount must be a number' } };
    expect(readReply('startSale', 200, body)).toEqual({ ok: false, error: body.error });
  });

  it('tells the person how to sign in when the token is missing or stale', () => {
    expect(readReply('getStatus', 401, undefined)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: NOT_SIGNED_IN_MESSAGE },
    });
  });

  it('names the HTTP status when the body is not a result at all', () => {
    const result = readReply('listSales', 502, undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('HTTP 502');
  });

  it('reads the access token from the address hash', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});
