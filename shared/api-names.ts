// The PosApi method and event names, free of schema code so the sandboxed preload can import them
// without bundling a validation library. shared/api.ts keys its schemas by exactly these names.

export const POS_METHOD_NAMES = [
  // the cashier
  'startSale',
  'cancelSale',
  'getSale',
  'listSales',
  'getStatus',
  // the owner's desk
  'historyPage',
  'historySummary',
  'dayClose',
  'getReceipt',
  'openExplorer',
  'savePdf',
  'resolveReview',
  'markPaid',
  'voidSale',
  'exportCsv',
  // settings and live mode
  'getSettings',
  'updateSettings',
  'checkReachability',
  // issue 12: the counter as a cashier lives it (customer display, receipts at the counter)
  'getDisplay',
  'setCurrentSale',
  'openCustomerDisplay',
  'printReceipt',
  'listPrinters',
  // issue 13: roles, refunds, Z-reports
  'getAccess',
  'unlockOwner',
  'lockOwner',
  'signInCashier',
  'signOutCashier',
  'refundSale',
  'closeDay',
  'listDayCloses',
  'getDayClose',
  // issue 16: support (owner-only: the owner lock of issue 13 covers it like the other owner actions)
  'exportDiagnostics',
  // issue 15: the owner's desk for the whole shop
  'shopCounters',
] as const;
export type PosMethodName = (typeof POS_METHOD_NAMES)[number];

export const POS_EVENT_NAMES = [
  'sale-updated',
  'status-changed',
  // issue 12: what a customer display shows changed
  'display-changed',
] as const;
export type PosEventName = (typeof POS_EVENT_NAMES)[number];

/** The IPC channel for a method or event; the only place a channel name is spelled. */
export function channelFor(name: PosMethodName | PosEventName): string {
  return `pos:${name}`;
}

/** Browser mode: the header a tab's page sends its own session id in (one per tab, made at load). */
export const SESSION_HEADER = 'x-counter-session';
