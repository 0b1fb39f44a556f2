// The one place where what the counter announces reaches the state: PosApi's events and the
// bridge's connection, fanned out to the counter's store and the owner's views. App starts it in
// an effect; the returned function stops it.
import type { PosStatus } from '../shared/api';
import { alertSaleChange } from './alerts';
import { loadAccess } from './access/store';
import { installedBridge } from './bridge/installed';
import type { Bridge } from './bridge/types';
import { historySaleUpdated } from './desk/history';
import { reportsSaleUpdated } from './desk/reports';
import { refreshOwnerViews } from './desk/store';
import { loadDisplay, setDisplayConnected, showDisplayView } from './display/store';
import { setUiLanguage } from './i18n/locale';
import { frameBatcher } from './frame-batch';
import { catchUp, isCurrentSale, knownStatus, loadStatus, loadToday, receiveSales, setConnected, setStatus } from './store';

/** The status, and the screens' language with it (issue 12). */
function statusArrived(status: PosStatus): void {
  setUiLanguage(status.counter.language);
  setStatus(status);
}

export function startEvents(bridge: Bridge = installedBridge()): () => void {
  const sales = frameBatcher((batch) => {
    // Before the stores take them: the status this screen knew is what tells "just paid".
    const known = batch.map((sale) => knownStatus(sale.id));
    receiveSales(batch);
    for (const sale of batch) {
      historySaleUpdated(sale);
      reportsSaleUpdated(sale);
    }
    // The chime and toasts once the screen has changed: the first chime makes the AudioContext, which
    // can take longer than the whole way from the notice to "Paid" (bench paid-on-screen).
    setTimeout(() => batch.forEach((sale, index) => alertSaleChange(known[index] ?? null, sale)), 0);
  }, (sale) => isCurrentSale(sale.id));
  const stops = [
    bridge.pos.on('sale-updated', (sale) => sales.add(sale)),
    () => sales.stop(),
    bridge.pos.on('status-changed', statusArrived),
    bridge.watchConnection((connected) => {
      setConnected(connected);
      if (!connected) return;
      // Events sent while the stream was down are gone: the counter and every owner's view read again.
      void catchUp();
      void loadAccess();
      refreshOwnerViews();
    }),
  ];
  void loadStatus();
  void loadToday();
  void loadAccess();
  return () => {
    for (const stop of stops) stop();
  };
}

/** The customer display's one subscription (issue 12): what it shows, and catching up after a drop. */
export function startDisplayEvents(bridge: Bridge = installedBridge()): () => void {
  const stops = [
    bridge.pos.on('display-changed', showDisplayView),
    bridge.watchConnection((connected) => {
      setDisplayConnected(connected);
      if (connected) void loadDisplay();
    }),
  ];
  void loadDisplay();
  return () => {
    for (const stop of stops) stop();
  };
}
