// The seam between the core and live mode (settings, secrets, sandbox or real gateway, tunnel,
// reachability). core.ts depends only on these types; live-mode.ts implements them.
import type { PosStatus } from '../../../shared/api';
import type { Blockchain } from '../../../shared/mitilena';
import type { PosHandlers } from '../dispatch';
import type { PosEvents } from '../events';
import type { SaleRuntime } from '../service';
import type { Ledger } from '../store/ledger';
import type { WebhookListener } from '../webhook/listener';
import type { KeyFingerprints } from '../webhook/notice-keys';
import type { TunnelDriver } from './tunnel';

export const SECRET_NAMES = ['apiKey', 'ngrokAuthtoken', 'trongridApiKey', 'etherscanApiKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** The block-explorer settings the chain watch runs with (issue 6); the keys never leave the core. */
export interface ChainSettings {
  tronApi: string | null;
  etherscanApi: string | null;
  chainConfirm: boolean;
  publicTronGrid: boolean;
  trongridApiKey: string | null;
  etherscanApiKey: string | null;
}

/** Where the API key, the ngrok authtoken and the explorer keys live; never read by the renderer. */
export interface SecretStore {
  kind: 'encrypted' | 'plain-text' | 'environment' | 'file';
  /** A sentence for the owner when the storage is weak (e.g. Linux without a keyring). */
  warning: string | null;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string | null): Promise<void>;
  /** Why `set` would refuse this secret (e.g. it comes from the environment); null when it can be changed. */
  readOnlyReason?(name: SecretName): string | null;
}

/** Settings given at start (browser-mode flags); they win over stored settings for this run. */
export interface LiveModeFlags {
  currency?: string;
  blockchain?: string;
  language?: string;
  shopName?: string;
  gatewayUrl?: string;
  publicUrl?: string | null;
  ngrokDomain?: string | null;
}

export interface LiveModeDeps {
  ledger: Ledger;
  events: PosEvents;
  secrets: SecretStore;
  fingerprints: KeyFingerprints;
  listener: WebhookListener;
  flags: LiveModeFlags;
  version: string;
  now: () => Date;
  fetch?: typeof fetch;
  invoiceTimeoutMs?: number;
  log?: (line: string) => void;
  /** The tunnel's network side; ngrok when absent (tests pass a fake that speaks ngrok's behaviour). */
  tunnelDriver?: TunnelDriver;
  /** Tunnel timings, shortened by tests. */
  tunnelTimings?: { forwardTimeoutMs?: number; reconnectInitialMs?: number; reconnectMaxMs?: number };
  /** How long the reachability probe waits (default 5 s). */
  reachabilityTimeoutMs?: number;
  /** Called when notices can reach the counter again (the tunnel back online, the public URL reachable again). */
  onBackOnline?: () => void;
  /** More lines for the owner's status bar (e.g. payments recovered from the blockchain). */
  extraWarnings?: () => string[];
  /** What the chain watch cannot do for a network, for Settings and the status bar (see chain-watch.ts). */
  chainNote?: (blockchain: Blockchain) => string | null;
  /** Called (before updateSettings answers) when the block-explorer settings or keys changed. */
  onChainSettingsChanged?: (settings: ChainSettings) => void;
}

export type LiveHandlers = Pick<PosHandlers, 'getSettings' | 'updateSettings' | 'checkReachability'>;

export interface LiveMode {
  /** What the next sale is made with; changes when settings do, without a restart. */
  runtime(): SaleRuntime;
  status(): PosStatus;
  receiptSettings(): { shopName: string; receiptFooter: string };
  /** The stored block-explorer settings and keys (start flags are applied by the core). */
  chainSettings(): ChainSettings;
  handlers: LiveHandlers;
  close(): Promise<void>;
}
