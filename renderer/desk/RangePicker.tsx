// The period the history and the export cover: presets in local time, or two local days.
import { Field, SelectField } from '../components/Field';
import { RANGE_PRESET_LABEL, RANGE_PRESETS, type RangePreset } from './ranges';

export interface RangeChoice {
  preset: RangePreset;
  customFrom: string;
  customTo: string;
}

const PRESET_CHOICES = RANGE_PRESETS.map((preset) => ({ value: preset, text: RANGE_PRESET_LABEL[preset] }));

export function RangePicker({ choice, onChange }: { choice: RangeChoice; onChange: (next: RangeChoice) => void }) {
  return (
    <div className="desk-controls__range">
      <SelectField label="Period" className="field field--compact" value={choice.preset} choices={PRESET_CHOICES} onChange={(preset) => onChange({ ...choice, preset })} />
      {choice.preset === 'custom' ? (
        <>
          <Field label="From" className="field field--compact">
            {(id) => <input id={id} type="date" value={choice.customFrom} onChange={(event) => onChange({ ...choice, customFrom: event.target.value })} />}
          </Field>
          <Field label="To" className="field field--compact">
            {(id) => <input id={id} type="date" value={choice.customTo} onChange={(event) => onChange({ ...choice, customTo: event.target.value })} />}
          </Field>
        </>
      ) : null}
    </div>
  );
}
