// The one place where what the counter announces reaches the state: PosApi's events and the
// bridge's connection, fanned out to the counter's store and the owner's views. App starts it in
// an effect; the returned function stops it.
import { loadAccess } from './access/store';
import { installedBridge } from './bridge/installed';
import type { Bridge } from './bridge/types';
import { historySaleUpdated } from './desk/history';
import { reportsSaleUpdated } from './desk/reports';
import { refreshOwnerViews } from './desk/store';
import { catchUp, loadStatus, loadToday, receiveSale, setConnected, setStatus } from './store';

export function startEvents(bridge: Bridge = installedBridge()): () => void {
  const stops = [
    bridge.pos.on('sale-updated', (sale) => {
      receiveSale(sale);
      historySaleUpdated(sale);
      reportsSaleUpdated(sale);
    }),
    bridge.pos.on('status-changed', setStatus),
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
