// Sandbox or live: with an API key the counter speaks to Mitilena Pay; without one it starts the
// embedded sandbox gateway on loopback and signs with the sandbox's own key. Switches without a
// restart when the key is added or removed; sales made before keep the key that made them.
import { createGatewayClient, type GatewayClient } from '../gateway/client';
import { startSandboxGateway, type SandboxGateway } from '../gateway/sandbox';
import { newToken } from '../ids';
import type { Ledger } from '../store/ledger';
import type { KeyFingerprints, KeysNow } from '../webhook/notice-keys';

export const DEFAULT_GATEWAY_URL = 'https://mitilena.com/api';
/** An older sale's invoice lives at most 14 days at the gateway. */
const OLDER_SALES_KEY_KEPT_MS = 15 * 24 * 60 * 60 * 1000;

export interface GatewayModeOptions {
  ledger: Ledger;
  fingerprints: KeyFingerprints;
  /** The gateway's API base (browser mode's --gateway-url; tests: a loopback contract server). */
  gatewayUrl?: string;
  now: () => Date;
  fetch?: typeof fetch;
  invoiceTimeoutMs?: number;
}

export class GatewayMode {
  private sandbox: SandboxGateway | null = null;
  private client: GatewayClient | null = null;
  private liveKey: string | null = null;

  private constructor(
    private readonly options: GatewayModeOptions,
    /** The sandbox gateway's key, one per install (it is in the ledger file, so it can never pay a live sale). */
    private readonly sandboxKey: string,
  ) {}

  static async start(options: GatewayModeOptions, apiKey: string | null): Promise<GatewayMode> {
    const mode = new GatewayMode(options, options.ledger.installValue('sandbox_key', newToken));
    mode.adoptOlderSales(apiKey);
    await mode.apply(apiKey);
    return mode;
  }

  get mode(): 'sandbox' | 'live' {
    return this.liveKey ? 'live' : 'sandbox';
  }

  get gateway(): GatewayClient {
    return this.client as GatewayClient;
  }

  /** The key invoices are signed with now; its fingerprint is recorded on each sale. */
  get invoiceKey(): string {
    return this.liveKey ?? this.sandboxKey;
  }

  /** The keys in force now, for verifying notices. */
  get keys(): KeysNow {
    return { sandboxKey: this.sandboxKey, liveKey: this.liveKey };
  }

  /** Live with this API key, or the sandbox without one. */
  async apply(apiKey: string | null): Promise<void> {
    const { fetch, invoiceTimeoutMs: timeoutMs } = this.options;
    if (apiKey) {
      await this.sandbox?.close();
      this.sandbox = null;
      this.client = createGatewayClient({ baseUrl: this.options.gatewayUrl ?? DEFAULT_GATEWAY_URL, apiKey, fetch, timeoutMs });
    } else {
      this.sandbox ??= await startSandboxGateway({ apiKey: this.sandboxKey, now: this.options.now, fetch });
      this.client = createGatewayClient({ baseUrl: this.sandbox.baseUrl, apiKey: this.sandboxKey, fetch, timeoutMs });
    }
    this.liveKey = apiKey;
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
    this.sandbox = null;
  }

  /**
   * Sales from before key fingerprints were verified by the key of their mode; they are stamped with
   * it once, so a later change of key does not strand them (a live key is kept recognised a while).
   */
  private adoptOlderSales(liveKey: string | null): void {
    const { ledger, fingerprints } = this.options;
    ledger.backfillKeyFingerprints(true, fingerprints.of(this.sandboxKey));
    if (!liveKey) return;
    const fingerprint = fingerprints.of(liveKey);
    if (ledger.backfillKeyFingerprints(false, fingerprint) === 0) return;
    const now = this.options.now();
    ledger.rememberInvoiceKey(fingerprint, false, now.toISOString(), new Date(now.getTime() + OLDER_SALES_KEY_KEPT_MS).toISOString());
  }
}
