// Small React hooks the screens share: keyboard shortcuts, a ticking clock, focus on arrival.
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import type { KeypadKey } from '../shared/entry';
import { isTypingTarget, keypadKeyFor } from './keys';

/** Listens for keydown on the whole window for as long as the component is on screen. */
export function useKeyDown(handler: (event: KeyboardEvent) => void): void {
  const onKeyDown = useEffectEvent(handler);
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

export type Shortcuts = Partial<Record<'Enter' | 'Escape', () => void>>;

/**
 * Enter/Escape for a result screen. A held key (auto-repeat) is ignored so a long press on Enter
 * cannot go through "New sale" and straight into a charge on the next screen.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  useKeyDown((event) => {
    if (event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key === 'Esc' ? 'Escape' : event.key;
    if (key !== 'Enter' && key !== 'Escape') return;
    const action = shortcuts[key];
    if (!action) return;
    if (key === 'Escape' && isTypingTarget(event.target)) return;
    // Stops a focused button from also being clicked by the same Enter.
    event.preventDefault();
    action();
  });
}

/** The current time in ms, refreshed every `intervalMs` while mounted. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Moves focus to the element when the screen appears, so focus is never left on a removed button. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}

export interface OutcomeKeys {
  /** Enter and Escape: a new sale (never "charge again"). */
  newSale: () => void;
  /** A digit: the next sale, starting with that digit. */
  startWith: (key: KeypadKey) => void;
  /** R: charge again; only where a charge failed. */
  retry?: () => void;
}

/**
 * The keys of a result screen (Paid, Review, Cancelled, Failed; issue 12): a digit starts the next
 * sale with it, Enter and Escape start a new one, R retries where that is offered. Held keys and
 * typing in a field are left alone.
 */
export function useOutcomeKeys(keys: OutcomeKeys): void {
  useKeyDown((event) => {
    if (event.defaultPrevented || event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    const key = event.key === 'Esc' ? 'Escape' : event.key;
    if (key === 'Enter' || key === 'Escape') {
      // Stops a focused button from also being clicked by the same Enter.
      event.preventDefault();
      keys.newSale();
      return;
    }
    if ((key === 'r' || key === 'R') && keys.retry) {
      event.preventDefault();
      keys.retry();
      return;
    }
    const digit = keypadKeyFor(key);
    if (digit && /^[0-9]$/.test(digit)) {
      event.preventDefault();
      keys.startWith(digit);
    }
  });
}
