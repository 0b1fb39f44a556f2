// The touch keypad. Each button's accessible name is what it types ("7"), or what it does.
import type { KeypadKey } from '../../shared/money';

interface KeypadProps {
  onKey: (key: KeypadKey) => void;
  disabled: boolean;
  /** False for currencies without decimals (JPY): the decimal point would be refused anyway. */
  allowDecimal: boolean;
}

const DIGIT_ROWS: readonly (readonly KeypadKey[])[] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
];

export function Keypad({ onKey, disabled, allowDecimal }: KeypadProps) {
  const key = (value: KeypadKey, label: string, className = '', ariaLabel?: string) => (
    <button
      key={value}
      type="button"
      className={`key ${className}`}
      aria-label={ariaLabel}
      disabled={disabled || (value === '.' && !allowDecimal)}
      onClick={() => onKey(value)}
    >
      {label}
    </button>
  );

  return (
    <div className="keypad" role="group" aria-label="Keypad">
      {key('Clear', 'Clear', 'key--action key--wide')}
      {key('Backspace', '⌫', 'key--action', 'Backspace')}
      {DIGIT_ROWS.flatMap((row) => row.map((digit) => key(digit, digit)))}
      {key('0', '0', 'key--wide')}
      {key('.', '.', '', 'Decimal point')}
    </div>
  );
}
