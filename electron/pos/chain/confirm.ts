// Second opinion on a notice: the gateway's word is checked against the chain. An explorer that
// cannot answer is never a contradiction; only what the chain actually shows can put a sale in review.
import { setTimeout as delay } from 'node:timers/promises';
import type { PosError } from '../../../shared/result';
import type { Sale } from '../../../shared/sale';
import { formatBaseUnits, invoiceOf } from './match';
import { normalizeAddress, normalizeHash, type ChainReader, type Transfer } from './types';

export type ContradictionReason = 'wrong-amount' | 'wrong-address' | 'wrong-token' | 'unknown-hash';

export type ConfirmVerdict =
  | { verdict: 'confirmed'; transfer: Transfer }
  | { verdict: 'contradicted'; reason: ContradictionReason; detail: string }
  | { verdict: 'unavailable'; error: PosError };

export interface ConfirmOptions {
  /**
   * An explorer indexes a fresh transaction a little after the gateway sees it: an unknown hash is
   * looked up again this many times before it counts as unknown. Default 2.
   */
  unknownHashRetries?: number;
  /** Wait between those lookups; default 20 s. */
  unknownHashDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const UNKNOWN_HASH_RETRIES = 2;
export const UNKNOWN_HASH_DELAY_MS = 20_000;

export async function confirmNotice(reader: ChainReader, sale: Sale, txHash: string, options: ConfirmOptions = {}): Promise<ConfirmVerdict> {
  if (reader.blockchain !== sale.blockchain) {
    return unavailable('invalid-input', `The ${reader.explorer} reader cannot check a ${sale.blockchain} payment.`);
  }
  const checked = invoiceOf(sale);
  if (!checked.ok) return unavailable('invalid-state', `${checked.message}; the payment was not checked on the blockchain.`);
  const { invoice } = checked;
  const { token } = invoice;
  const kind = token.addressKind;
  if (!normalizeHash(txHash, kind)) {
    return { verdict: 'contradicted', reason: 'unknown-hash', detail: `The notice names a transaction "${txHash.slice(0, 80)}" that cannot exist on ${sale.blockchain}.` };
  }

  const retries = options.unknownHashRetries ?? UNKNOWN_HASH_RETRIES;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let transfers: Transfer[] | null;
  for (let attempt = 0; ; attempt++) {
    const answer = await reader.transferByHash(txHash);
    if (!answer.ok) return { verdict: 'unavailable', error: answer.error };
    transfers = answer.value;
    if (transfers !== null || attempt >= retries) break;
    await sleep(options.unknownHashDelayMs ?? UNKNOWN_HASH_DELAY_MS);
  }
  if (transfers === null) {
    return { verdict: 'contradicted', reason: 'unknown-hash', detail: `${reader.explorer} does not know the transaction the notice names (${txHash}).` };
  }

  const ofToken = transfers.filter((transfer) => normalizeAddress(transfer.contract, kind) === token.contract);
  if (ofToken.length === 0) {
    const other = transfers[0];
    return {
      verdict: 'contradicted',
      reason: 'wrong-token',
      detail: other
        ? `Transaction ${txHash} moved another token (contract ${other.contract}), not ${token.symbol} (${token.contract}).`
        : `Transaction ${txHash} moved no ${token.symbol} at all.`,
    };
  }
  const toInvoice = ofToken.filter((transfer) => normalizeAddress(transfer.to, kind) === invoice.address);
  if (toInvoice.length === 0) {
    return {
      verdict: 'contradicted',
      reason: 'wrong-address',
      detail: `Transaction ${txHash} paid ${token.symbol} to ${ofToken[0]?.to ?? 'another address'}, not to the invoice's address ${invoice.address}.`,
    };
  }
  const exact = toInvoice.find((transfer) => transfer.amountBaseUnits === invoice.units && (transfer.decimals === null || transfer.decimals === token.decimals));
  if (exact) return { verdict: 'confirmed', transfer: exact };
  const paid = toInvoice.reduce((sum, transfer) => sum + transfer.amountBaseUnits, 0n);
  return {
    verdict: 'contradicted',
    reason: 'wrong-amount',
    detail: `Transaction ${txHash} paid ${formatBaseUnits(paid, token.decimals)} ${token.symbol}; the invoice asked exactly ${formatBaseUnits(invoice.units, token.decimals)} ${token.symbol}.`,
  };
}

function unavailable(code: PosError['code'], message: string): ConfirmVerdict {
  return { verdict: 'unavailable', error: { code, message } };
}
