// Settings → Support (issue 16): "Export diagnostics", one zip for support. An owner action (issue 13's
// owner lock covers it). Electron asks where to save it; browser mode downloads it.
import { useState } from 'react';
import { exportDiagnostics, offerDownload } from '../../desk/files';

type Said = { error: boolean; text: string } | null;

export function SupportSettings() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);

  async function exportForSupport(): Promise<void> {
    setBusy(true);
    setSaid(null);
    const result = await exportDiagnostics();
    setBusy(false);
    if (!result.ok) return setSaid({ error: true, text: result.error.message });
    if (result.value.downloadUrl) offerDownload(result.value.downloadUrl);
    // A path: saved through the dialog; neither: the owner cancelled the dialog.
    else if (result.value.path) setSaid({ error: false, text: `Saved to ${result.value.path}` });
  }

  return (
    <fieldset className="settings__group">
      <legend>Support</legend>
      <p className="field__hint">
        One zip for support: the counter&apos;s logs, these settings without any key or token, the versions, and a check of the sales ledger.
      </p>
      <div className="settings__check">
        <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void exportForSupport()}>
          Export diagnostics
        </button>
        {said ? (
          <span className={said.error ? 'error-text' : undefined} aria-live="polite">
            {said.text}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
