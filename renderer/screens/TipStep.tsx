// "Add a tip?" (issue 12): after the amount, before the invoice. The shop's percentages (rounded to
// the currency's minor unit, half up), no tip, or a tip typed as an amount; the invoice then asks
// for amount + tip, and the sale keeps the tip apart.
import { useState } from 'react';
import { minorToDecimal, parseAmount } from '../../shared/money';
import { showMoney } from '../format';
import { useFocusOnMount, useKeyDown } from '../hooks';
import { useT } from '../i18n/locale';
import { backToAmount, chooseTip } from '../register';
import { useCounter } from '../store';

/** A percentage of an amount in minor units, rounded half up; exact in integers. */
export function tipMinorFor(amountMinor: number, percent: number): number {
  return Math.floor((amountMinor * percent + 50) / 100);
}

export function TipStep({ amount, currency }: { amount: string; currency: string }) {
  const t = useT();
  const tips = useCounter((state) => state.status?.counter.tips);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const parsed = parseAmount(amount, currency);
  const amountMinor = parsed.ok ? parsed.minor : 0;
  useKeyDown((event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) backToAmount();
  });
  if (!tips || !parsed.ok) return null;
  const pick = (tipMinor: number) => chooseTip(tipMinor > 0 ? minorToDecimal(tipMinor, currency) : null);

  return (
    <div className="tip-step">
      <h2 className="tip-step__title" ref={heading} tabIndex={-1}>
        {t('tip.title')}
      </h2>
      <p className="tip-step__amount">{t('tip.amount', { amount: showMoney(amountMinor, currency) })}</p>
      <div className="tip-step__choices">
        {tips.percents.map((percent) => {
          const tipMinor = tipMinorFor(amountMinor, percent);
          return (
            <button key={percent} type="button" className="button tip-choice" onClick={() => pick(tipMinor)}>
              <span className="tip-choice__percent">{t('tip.percent', { percent })}</span>
              <span className="tip-choice__money">+ {showMoney(tipMinor, currency)}</span>
              <span className="tip-choice__total">{t('tip.total', { total: showMoney(amountMinor + tipMinor, currency) })}</span>
            </button>
          );
        })}
        <button type="button" className="button tip-choice tip-choice--none" onClick={() => pick(0)}>
          <span className="tip-choice__percent">{t('tip.none')}</span>
          <span className="tip-choice__total">{t('tip.total', { total: showMoney(amountMinor, currency) })}</span>
        </button>
      </div>
      {tips.custom ? <CustomTip amountMinor={amountMinor} currency={currency} /> : null}
      <button type="button" className="button button--secondary tip-step__back" onClick={backToAmount}>
        {t('tip.back')}
      </button>
    </div>
  );
}

function CustomTip({ amountMinor, currency }: { amountMinor: number; currency: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const parsed = text.trim() === '' ? null : parseAmount(text.trim(), currency);
  const usable = parsed?.ok === true && parsed.minor <= amountMinor;
  return (
    <form
      className="tip-step__custom"
      onSubmit={(event) => {
        event.preventDefault();
        if (usable) chooseTip(text.trim());
      }}
    >
      <label htmlFor="custom-tip">{t('tip.customLabel')}</label>
      <input id="custom-tip" type="text" inputMode="decimal" dir="ltr" value={text} autoComplete="off" aria-invalid={parsed && !usable ? true : undefined} onChange={(event) => setText(event.target.value)} />
      <button type="submit" className="button button--secondary" disabled={!usable}>
        {t('tip.customCharge')}
      </button>
      {parsed && !usable ? <span className="field__error">{t('tip.customInvalid')}</span> : null}
    </form>
  );
}
