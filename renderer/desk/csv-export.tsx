// "Export CSV" for the range on screen. Electron saves through a dialog and says where; browser
// mode gets a one-time link and the browser downloads it.
import { useId, useState } from 'react';
import type { DeskScope } from '../../shared/api';
import { exportSalesCsv, offerDownload } from './files';
import type { InstantRange } from './ranges';

type Outcome = { kind: 'saved'; text: string } | { kind: 'error'; text: string } | null;

export function CsvExport({ range, scope = 'counter' }: { range: InstantRange | null; scope?: DeskScope }) {
  // On by default: Excel reads UTF-8 ("—", "€" in notes) only with it.
  const [bom, setBom] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const bomId = useId();

  async function exportCsv(): Promise<void> {
    if (!range || busy) return;
    setBusy(true);
    setOutcome(null);
    const result = await exportSalesCsv(range, bom, scope);
    setBusy(false);
    if (!result.ok) {
      setOutcome({ kind: 'error', text: result.error.message });
      return;
    }
    const { downloadUrl, path, rows } = result.value;
    if (downloadUrl) {
      offerDownload(downloadUrl);
    } else if (path) {
      setOutcome({ kind: 'saved', text: `Saved to ${path} (${rows ?? 0} rows)` });
    }
    // Both null: the owner cancelled the save dialog; nothing to say.
  }

  return (
    <div className="csv-export">
      <button type="button" className="button button--small button--secondary" disabled={!range || busy} onClick={() => void exportCsv()}>
        {scope === 'shop' ? 'Export CSV (whole shop)' : 'Export CSV'}
      </button>
      <span className="check">
        <input id={bomId} type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
        <label htmlFor={bomId}>Excel-friendly (BOM)</label>
      </span>
      {outcome ? (
        <span className={outcome.kind === 'error' ? 'error-text' : 'csv-export__saved'} aria-live="polite">
          {outcome.text}
        </span>
      ) : null}
    </div>
  );
}
