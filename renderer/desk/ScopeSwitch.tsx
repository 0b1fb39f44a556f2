// "This counter / Whole shop" above History and Day close (issue 15), shown only when the whole shop
// can be read; with the whole shop on screen, how current each counter's data is.
import { useEffect } from 'react';
import type { DeskScope, ShopCounter } from '../../shared/api';
import { shownAnswer } from './reader';
import { chooseScope, shopCountersReader, useDeskScope } from './scope';
import { useDesk } from './store';
import { showDateTime } from './time';
import { useCounter } from '../store';

const CHOICES: readonly { scope: DeskScope; text: string }[] = [
  { scope: 'counter', text: 'This counter' },
  { scope: 'shop', text: 'Whole shop' },
];
const ALL = { all: true } as const;

export function ScopeSwitch() {
  const wholeShop = useCounter((state) => state.status?.wholeShop ?? false);
  const scope = useDeskScope();
  const revision = useDesk((state) => state.revision);
  useEffect(() => shopCountersReader.show(scope === 'shop' ? ALL : null), [scope, revision]);
  if (!wholeShop) return null;
  return (
    <div className="scope-switch">
      <div className="scope-switch__choices" role="radiogroup" aria-label="Whose sales">
        {CHOICES.map((choice) => (
          <button key={choice.scope} type="button" role="radio" aria-checked={scope === choice.scope} className={`scope-switch__choice${scope === choice.scope ? ' scope-switch__choice--on' : ''}`} onClick={() => chooseScope(choice.scope)}>
            {choice.text}
          </button>
        ))}
      </div>
      {scope === 'shop' ? <Freshness /> : null}
    </div>
  );
}

function counterLine(counter: ShopCounter): string {
  return `${counter.name || 'Unnamed counter'}: ${counter.lastPushAt ? `last sent ${showDateTime(counter.lastPushAt)}` : 'nothing sent yet'}`;
}

/** How current each counter's data is: the last time it sent its sales to the shop ledger. */
function Freshness() {
  const shown = shopCountersReader.useRead(shownAnswer);
  if (!shown) return <p className="scope-switch__freshness">Reading the shop ledger…</p>;
  if (!shown.ok) {
    return (
      <p className="error-text" role="alert">
        {shown.error.message}
      </p>
    );
  }
  return (
    <ul className="scope-switch__freshness" aria-label="How current each counter is">
      {shown.value.counters.length === 0 ? <li>No counter has sent its sales yet.</li> : null}
      {shown.value.counters.map((counter) => (
        <li key={counter.counterId}>{counterLine(counter)}</li>
      ))}
    </ul>
  );
}
