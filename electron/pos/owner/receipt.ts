// A receipt for one sale, and the block explorer link for its transaction. The link is built here
// from the stored hash, only when it looks like a real one: never from anything the page sends.
import { ActorSchema, type Actor } from '../../../shared/access';
import type { Receipt } from '../../../shared/api';
import type { Blockchain } from '../../../shared/mitilena';
import type { Sale } from '../../../shared/sale';
import type { Ledger } from '../store/ledger';

const PLAUSIBLE_HASH = /^(?:0x)?([0-9a-fA-F]{64})$/;

const EXPLORERS: Readonly<Record<Blockchain, ((hex: string) => string) | null>> = {
  'tether-trc20': (hex) => `https://tronscan.org/#/transaction/${hex}`,
  'tether-erc20': (hex) => `https://etherscan.io/tx/0x${hex}`,
  'tether-bep20': (hex) => `https://bscscan.com/tx/0x${hex}`,
  apfcoin: (hex) => `https://etherscan.io/tx/0x${hex}`,
  // Mitilena's own token has no public explorer we know of.
  'mitilena-own': null,
};

/** The explorer URL for a sale's transaction, or null (no hash, an implausible one, or no explorer). */
export function explorerUrl(blockchain: Blockchain, txHash: string | null): string | null {
  const match = txHash ? PLAUSIBLE_HASH.exec(txHash.trim()) : null;
  const build = EXPLORERS[blockchain];
  if (!match || !build) return null;
  return build((match[1] as string).toLowerCase());
}

/** The reason and the actor an owner action's event detail carries (older events: the reason only). */
function ownerWords(detail: unknown): { reason: string | null; by: Actor | null } {
  const fields = typeof detail === 'object' && detail !== null ? (detail as { reason?: unknown; by?: unknown }) : {};
  const by = ActorSchema.safeParse(fields.by);
  return { reason: typeof fields.reason === 'string' ? fields.reason : null, by: by.success ? by.data : null };
}

export function buildReceipt(ledger: Ledger, sale: Sale, settings: { shopName: string; receiptFooter: string }): Receipt {
  const events = ledger.events(sale.id);
  return {
    sale,
    shopName: settings.shopName,
    footer: settings.receiptFooter,
    explorerUrl: explorerUrl(sale.blockchain, sale.txHash),
    events: events.map((event) => ({ at: event.at, fromStatus: event.fromStatus, toStatus: event.toStatus, cause: event.cause })),
    ownerActions: events.filter((event) => event.cause.startsWith('owner ')).map((event) => ({ at: event.at, cause: event.cause, ...ownerWords(event.detail) })),
    refunds: ledger.refundsOf(sale.id),
    linkedSales: linkedSales(ledger, sale),
  };
}

/** The sale this one completes and the ones that complete it ("charge the difference"), oldest first. */
function linkedSales(ledger: Ledger, sale: Sale): Sale[] {
  const completed = sale.linkedSaleId ? ledger.getSale(sale.linkedSaleId) : null;
  return [...(completed ? [completed] : []), ...ledger.salesLinkedTo(sale.id)];
}
