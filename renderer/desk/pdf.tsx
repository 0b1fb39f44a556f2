// "Print" and, in Electron, "Save as PDF" for one printable part of the page.
import { useState } from 'react';
import { canSavePdf, printPart, savePartAsPdf, type PdfOutcome, type PrintPart } from './files';

export function PrintButtons({ part, suggestedName }: { part: PrintPart; suggestedName: string }) {
  const [outcome, setOutcome] = useState<PdfOutcome | null>(null);
  const [saving, setSaving] = useState(false);
  const unavailable = outcome?.kind === 'unavailable';

  async function save(): Promise<void> {
    setSaving(true);
    setOutcome(await savePartAsPdf(part, suggestedName));
    setSaving(false);
  }

  return (
    <div className="print-buttons">
      <button type="button" className="button button--small button--secondary" onClick={() => printPart(part)}>
        Print
      </button>
      {canSavePdf() ? (
        <button type="button" className="button button--small button--secondary" disabled={saving || unavailable} onClick={() => void save()}>
          Save as PDF
        </button>
      ) : null}
      {outcome && outcome.kind !== 'cancelled' ? (
        <span className={outcome.kind === 'saved' ? 'print-buttons__note' : 'print-buttons__note error-text'} aria-live="polite">
          {outcome.kind === 'saved' ? `Saved to ${outcome.path}` : outcome.message}
        </span>
      ) : null}
    </div>
  );
}
