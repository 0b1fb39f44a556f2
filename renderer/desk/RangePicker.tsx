// The period the history and the export cover: presets in local time, or two local days.
import { useId } from 'react';
import { RANGE_PRESET_LABEL, RANGE_PRESETS, type RangePreset } from './ranges';

export interface RangeChoice {
  preset: RangePreset;
  customFrom: string;
  customTo: string;
}

export function RangePicker({ choice, onChange }: { choice: RangeChoice; onChange: (next: RangeChoice) => void }) {
  const periodId = useId();
  const fromId = useId();
  const toId = useId();
  return (
    <div className="desk-controls__range">
      <div className="field field--compact">
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={choice.preset} onChange={(event) => onChange({ ...choice, preset: event.target.value as RangePreset })}>
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {RANGE_PRESET_LABEL[preset]}
            </option>
          ))}
        </select>
      </div>
      {choice.preset === 'custom' ? (
        <>
          <div className="field field--compact">
            <label htmlFor={fromId}>From</label>
            <input id={fromId} type="date" value={choice.customFrom} onChange={(event) => onChange({ ...choice, customFrom: event.target.value })} />
          </div>
          <div className="field field--compact">
            <label htmlFor={toId}>To</label>
            <input id={toId} type="date" value={choice.customTo} onChange={(event) => onChange({ ...choice, customTo: event.target.value })} />
          </div>
        </>
      ) : null}
    </div>
  );
}
