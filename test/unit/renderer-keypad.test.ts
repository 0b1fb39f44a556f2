import { describe, expect, it } from 'vitest';
import { EMPTY_ENTRY, pressEntryKey } from '../../shared/entry';
import { isTypingTarget, keypadKeyFor } from '../../renderer/keys';
import { formatTimeLeft, msUntil } from '../../renderer/countdown';

function typeKeys(keys: string[], currency: string): string {
  let entry = EMPTY_ENTRY;
  for (const key of keys) {
    const keypadKey = keypadKeyFor(key);
    if (keypadKey) entry = pressEntryKey(entry, keypadKey, currency);
  }
  return entry.refused.length ? `${entry.text} (${entry.refused.length} refused)` : entry.text;
}

describe('physical keyboard on the keypad', () => {
  it('types digits from the top row and the numpad alike (event.key is the digit)', () => {
    expect(typeKeys(['1', '2', '.', '5', '0'], 'EUR')).toBe('12.50');
  });

  it('takes "," as the decimal point, as a European numpad types it', () => {
    expect(typeKeys(['7', ',', '5'], 'EUR')).toBe('7.5');
  });

  it('deletes with Backspace and clears with Escape', () => {
    expect(typeKeys(['4', '2', 'Backspace'], 'EUR')).toBe('4');
    expect(typeKeys(['4', '2', 'Escape'], 'EUR')).toBe('');
  });

  it('refuses a decimal point for a currency without decimals, and holds the keys after it', () => {
    expect(typeKeys(['1', '2', '.', '5'], 'JPY')).toBe('12 (2 refused)');
  });

  it('ignores keys that are not keypad keys', () => {
    expect(keypadKeyFor('a')).toBeNull();
    expect(keypadKeyFor('Enter')).toBeNull();
    expect(keypadKeyFor('F5')).toBeNull();
  });

  it('treats text fields as typing targets and buttons as not', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('time left on an invoice', () => {
  it('shows days and hours when more than a day is left', () => {
    expect(formatTimeLeft((13 * 24 + 23) * 3_600_000 + 59_000)).toBe('13 d 23 h');
  });

  it('shows hours and minutes between an hour and a day', () => {
    expect(formatTimeLeft(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min');
  });

  it('shows mm:ss under an hour, rounding seconds up so it never reads 00:00 too early', () => {
    expect(formatTimeLeft(14 * 60_000 + 59_500)).toBe('15:00');
    expect(formatTimeLeft(400)).toBe('00:01');
    expect(formatTimeLeft(0)).toBe('00:00');
    expect(formatTimeLeft(-5_000)).toBe('00:00');
  });

  it('reads the expiry from an ISO time and copes with a missing one', () => {
    expect(msUntil('2025-01-01T00:01:00Z', Date.parse('2025-01-01T00:00:00Z'))).toBe(60_000);
    expect(msUntil(null, 0)).toBeNull();
    expect(msUntil('not a time', 0)).toBeNull();
  });
});
