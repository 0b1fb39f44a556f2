// The cashiers as rows: a name, a PIN (new cashiers must give one; known ones keep theirs when left
// empty) and Remove. Saved together by the fieldset.
import type { CashierRow } from '../../access/access-settings';
import { PinBox } from './PinBox';

export function CashierList({ rows, onChange }: { rows: CashierRow[]; onChange: (rows: CashierRow[]) => void }) {
  const change = (index: number, patch: Partial<CashierRow>): void => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  if (rows.length === 0) return <p>No cashiers.</p>;
  return (
    <ol className="cashier-list" aria-label="Cashiers">
      {rows.map((row, index) => (
        <li key={row.id ?? `new-${index}`} className="cashier-list__row">
          <div className="field field--settings">
            <label htmlFor={`cashier-name-${index}`}>{`Cashier ${index + 1} name`}</label>
            <input id={`cashier-name-${index}`} type="text" maxLength={40} value={row.name} autoComplete="off" onChange={(event) => change(index, { name: event.target.value })} />
          </div>
          <PinBox label={row.id ? `Cashier ${index + 1} new PIN (empty: keep)` : `Cashier ${index + 1} PIN`} value={row.pin} onChange={(pin) => change(index, { pin })} />
          <button type="button" className="button button--small button--secondary" onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            Remove
          </button>
        </li>
      ))}
    </ol>
  );
}
