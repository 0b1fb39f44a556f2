// The touch keypad. Each button's accessible name is what it types ("7"), or what it does.
import type { KeypadKey } from '../../shared/entry';
import { useT } from '../i18n/locale';

interface KeypadProps {
  onKey: (key: KeypadKey) => void;
  disabled: boolean;
  /** False for a PIN: no decimal point key at all. */
  allowDecimal?: boolean;
}

const DIGIT_ROWS: readonly (readonly KeypadKey[])[] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
];

export function Keypad({ onKey, disabled, allowDecimal = true }: KeypadProps) {
  const t = useT();
  const key = (value: KeypadKey, label: string, className = '', ariaLabel?: string) => (
    <button
      key={value}
      type="button"
      className={`key ${className}`}
      aria-label={ariaLabel}
      // The decimal point stays pressable in JPY: the entry refuses it and says why (issue 12).
      disabled={disabled}
      onClick={() => onKey(value)}
    >
      {label}
    </button>
  );

  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')} dir="ltr">
      {key('Clear', t('keypad.clear'), 'key--action key--wide')}
      {key('Backspace', '⌫', 'key--action', t('keypad.backspace'))}
      {DIGIT_ROWS.flatMap((row) => row.map((digit) => key(digit, digit)))}
      {key('0', '0', 'key--wide')}
      {allowDecimal ? key('.', '.', '', t('keypad.point')) : null}
    </div>
  );
}
