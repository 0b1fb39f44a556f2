// The tunnel and reachability history, kept in the log itself (area 'tunnel' and 'reachability'): one
// record per change the core announces, so the diagnostics export reads it back from the log files
// and it ages out with them. No file of its own to bound, rotate or keep in step.
import type { CoreEvents } from '../core-events';
import type { LogLine, LogRecord } from './record';

export const CONNECTIVITY_AREAS: readonly string[] = ['tunnel', 'reachability'];

/** Logs every tunnel and reachability change; returns the unsubscribe. */
export function recordConnectivity(core: Pick<CoreEvents, 'on'>, log: LogLine): () => void {
  const offTunnel = core.on('tunnel-changed', ({ state, url, message }) => {
    log(`tunnel: ${state}${url ? ` ${url}` : ''}${message ? ` (${message})` : ''}`, state === 'error' ? 'warn' : 'info');
  });
  const offReachability = core.on('reachability-changed', ({ state, message }) => {
    // 'checking' comes before every result; the result alone is the history.
    if (state === 'checking') return;
    log(`reachability: ${state}${message ? ` (${message})` : ''}`, state === 'unreachable' ? 'warn' : 'info');
  });
  return () => {
    offTunnel();
    offReachability();
  };
}

export function isConnectivityRecord(record: LogRecord): boolean {
  return CONNECTIVITY_AREAS.includes(record.area);
}
