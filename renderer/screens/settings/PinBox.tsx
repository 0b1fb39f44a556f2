// A write-only PIN box: digits only, never shown.
import { useId } from 'react';

export function PinBox({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field field--settings">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={value} onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))} />
    </div>
  );
}
