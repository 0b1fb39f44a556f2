// The settings form as text fields, and the update that sends only what the owner changed.
// Secrets are write-only: an empty box means "leave it as it is".
import type { PosArgs, SettingsView } from '../../shared/api';
import type { Blockchain, Language } from '../../shared/mitilena';
import { changedCounter, counterFormFrom, type CounterForm } from './counter-form';

export type TunnelMode = SettingsView['tunnelMode'];

export interface SettingsForm {
  shopName: string;
  receiptFooter: string;
  currency: string;
  blockchain: Blockchain;
  language: Language;
  tunnelMode: TunnelMode;
  ngrokDomain: string;
  publicUrl: string;
  /** A new API key; empty keeps the stored one. */
  apiKey: string;
  /** A new ngrok authtoken; empty keeps the stored one. */
  ngrokAuthtoken: string;
  /** Block explorers: base URLs (empty turns the explorer off), confirmation, write-only keys. */
  tronApi: string;
  etherscanApi: string;
  chainConfirm: boolean;
  publicTronGrid: boolean;
  trongridApiKey: string;
  etherscanApiKey: string;
  /** The counter's own settings (issue 12): counter-form.ts. */
  counter: CounterForm;
  /** The shop ledger (issue 15): a new URL (empty keeps the stored one) and this counter's name there. */
  shopLedgerUrl: string;
  /** The owner desk's URL for the whole shop (a shop_owner role): empty keeps the stored one. */
  shopLedgerOwnerUrl: string;
  counterName: string;
}

/** The write-only boxes, emptied after a save. */
export const SECRET_FIELDS = ['apiKey', 'ngrokAuthtoken', 'trongridApiKey', 'etherscanApiKey', 'shopLedgerUrl', 'shopLedgerOwnerUrl'] as const;

export type SettingsUpdate = PosArgs<'updateSettings'>;

export function formFromView(view: SettingsView): SettingsForm {
  return {
    shopName: view.shopName,
    receiptFooter: view.receiptFooter,
    currency: view.currency,
    blockchain: view.blockchain,
    language: view.language,
    tunnelMode: view.tunnelMode,
    ngrokDomain: view.ngrokDomain ?? '',
    publicUrl: view.publicUrl ?? '',
    apiKey: '',
    ngrokAuthtoken: '',
    tronApi: view.tronApi ?? '',
    etherscanApi: view.etherscanApi ?? '',
    chainConfirm: view.chainConfirm,
    publicTronGrid: view.publicTronGrid,
    trongridApiKey: '',
    etherscanApiKey: '',
    counter: counterFormFrom(view.counter),
    shopLedgerUrl: '',
    shopLedgerOwnerUrl: '',
    counterName: view.counterName,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** Only the fields whose value differs from what the core holds. */
export function changedSettings(view: SettingsView, form: SettingsForm): SettingsUpdate {
  const update: SettingsUpdate = {};
  if (form.shopName !== view.shopName) update.shopName = form.shopName;
  if (form.receiptFooter !== view.receiptFooter) update.receiptFooter = form.receiptFooter;
  const currency = form.currency.trim().toUpperCase();
  if (currency !== view.currency) update.currency = currency;
  if (form.blockchain !== view.blockchain) update.blockchain = form.blockchain;
  if (form.language !== view.language) update.language = form.language;
  if (form.tunnelMode !== view.tunnelMode) update.tunnelMode = form.tunnelMode;
  if (orNull(form.ngrokDomain) !== view.ngrokDomain) update.ngrokDomain = orNull(form.ngrokDomain);
  if (orNull(form.publicUrl) !== view.publicUrl) update.publicUrl = orNull(form.publicUrl);
  if (orNull(form.tronApi) !== view.tronApi) update.tronApi = orNull(form.tronApi);
  if (orNull(form.etherscanApi) !== view.etherscanApi) update.etherscanApi = orNull(form.etherscanApi);
  if (form.chainConfirm !== view.chainConfirm) update.chainConfirm = form.chainConfirm;
  if (form.publicTronGrid !== view.publicTronGrid) update.publicTronGrid = form.publicTronGrid;
  if (form.counterName.trim() !== view.counterName) update.counterName = form.counterName.trim();
  for (const name of SECRET_FIELDS) {
    if (form[name].trim() !== '') update[name] = form[name].trim();
  }
  const counter = changedCounter(view.counter, form.counter);
  if (counter) update.counter = counter;
  return update;
}

/** "set, ends in 1a2b" or "not set": all the page ever knows about a secret. */
export function describeSecret(secret: { set: boolean; last4: string | null }): string {
  if (!secret.set) return 'not set';
  return secret.last4 ? `set, ends in ${secret.last4}` : 'set';
}
