// A labelled control: the label names the control by its id, so a screen reader (and a test's
// getByLabel) finds it by the words on screen.
import { useId, type ReactNode } from 'react';

export function Field({ label, className = 'field', children }: { label: string; className?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  text: string;
}

interface SelectProps<V extends string> {
  id: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange: (value: V) => void;
  describedBy?: string | undefined;
}

/** A drop-down of fixed choices; the page only ever gets one of them back. */
export function Select<V extends string>({ id, value, choices, onChange, describedBy }: SelectProps<V>) {
  return (
    <select id={id} value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value as V)}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.text}
        </option>
      ))}
    </select>
  );
}

/** A labelled drop-down. */
export function SelectField<V extends string>({ label, className, ...select }: Omit<SelectProps<V>, 'id'> & { label: string; className?: string }) {
  return <Field label={label} className={className}>{(id) => <Select id={id} {...select} />}</Field>;
}
