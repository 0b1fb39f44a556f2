// Physical keyboard → keypad. Uses event.key so the numpad, the top row and any layout agree.
import type { KeypadKey } from '../shared/entry';

/** The keypad key a physical key stands for, or null when it is not one. */
export function keypadKeyFor(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  switch (key) {
    case '.':
    case ',': // the numpad's decimal key types "," on many European layouts
    case 'Decimal':
    case 'Separator':
      return '.';
    case 'Backspace':
    case 'Delete':
      return 'Backspace';
    case 'Escape':
    case 'Esc':
    case 'Clear': // NumLock-off numpad 5 on some systems
      return 'Clear';
    default:
      return null;
  }
}

/** True when the key went to a text field, where it is the person's typing and not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true;
}
