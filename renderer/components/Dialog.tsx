// A modal dialog: named by its heading, focus moved in on open and given back on close, Tab kept
// inside, Escape closes. Nested dialogs each handle their own Escape.
import { useEffect, useEffectEvent, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Extra markup beside the title (e.g. a status word). */
  titleExtra?: ReactNode;
  /** The close button's words (default "Close"). */
  closeLabel?: string;
}

interface OpenDialog {
  box: RefObject<HTMLDivElement | null>;
  close: () => void;
}

/** Open dialogs, innermost last: Escape closes only the innermost, wherever focus is. */
const openDialogs: OpenDialog[] = [];

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, onClose, children, className = '', titleExtra, closeLabel = 'Close' }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  const close = useEffectEvent(() => onClose());

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const entry: OpenDialog = { box, close };
    openDialogs.push(entry);
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus]');
    (first ?? box.current)?.focus({ preventScroll: true });
    // Focus can leave the dialog (a button that went away after an action): Escape still closes it.
    const onWindowKey = (event: globalThis.KeyboardEvent): void => {
      if ((event.key === 'Escape' || event.key === 'Esc') && openDialogs[openDialogs.length - 1] === entry && !event.defaultPrevented) {
        event.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onWindowKey);
    return () => {
      window.removeEventListener('keydown', onWindowKey);
      openDialogs.splice(openDialogs.indexOf(entry), 1);
      // Back where focus was, or, when that element is gone, into the dialog underneath.
      if (before && document.contains(before)) before.focus({ preventScroll: true });
      else openDialogs[openDialogs.length - 1]?.box.current?.focus({ preventScroll: true });
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={box}
        className={`dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="dialog__head">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {titleExtra}
          <button type="button" className="button button--small button--secondary dialog__close" onClick={onClose}>
            {closeLabel}
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
