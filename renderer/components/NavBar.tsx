// Between the counter and the owner's desk. Plain buttons: they add no keyboard shortcuts, so the
// keypad keeps every key while Sell is on screen.
import { showView, useDesk, VIEWS, type View } from '../desk/store';
import { useT, type MessageKey } from '../i18n/locale';

const VIEW_KEY: Readonly<Record<View, MessageKey>> = { sell: 'nav.sell', history: 'nav.history', 'day-close': 'nav.dayClose', settings: 'nav.settings' };

export function NavBar() {
  const t = useT();
  const view = useDesk((state) => state.view);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {VIEWS.map((name) => (
        <button
          key={name}
          type="button"
          className={name === view ? 'nav__item is-current' : 'nav__item'}
          aria-current={name === view ? 'page' : undefined}
          onClick={() => showView(name)}
        >
          {t(VIEW_KEY[name])}
        </button>
      ))}
    </nav>
  );
}
