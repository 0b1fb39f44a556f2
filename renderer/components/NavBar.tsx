// Between the counter and the owner's desk. Plain buttons: they add no keyboard shortcuts, so the
// keypad keeps every key while Sell is on screen.
import { showView, useDesk, VIEW_LABEL, VIEWS } from '../desk/store';

export function NavBar() {
  const view = useDesk((state) => state.view);
  return (
    <nav className="nav" aria-label="Screens">
      {VIEWS.map((name) => (
        <button
          key={name}
          type="button"
          className={name === view ? 'nav__item is-current' : 'nav__item'}
          aria-current={name === view ? 'page' : undefined}
          onClick={() => showView(name)}
        >
          {VIEW_LABEL[name]}
        </button>
      ))}
    </nav>
  );
}
