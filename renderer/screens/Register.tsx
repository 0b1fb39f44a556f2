// The keypad screen: type an amount (touch or keyboard), add an optional note and the customer's
// email for the receipt, charge. A key the entry cannot take is refused on screen with the reason,
// and Charge stays off until it is taken back (issue 12); a large amount asks to be confirmed.
import type { Entry } from '../../shared/entry';
import { entryMinor } from '../../shared/entry';
import { Field } from '../components/Field';
import { Keypad } from '../components/Keypad';
import { LargeAmountDialog } from '../components/LargeAmountDialog';
import { safeExponent } from '../format';
import { useKeyDown } from '../hooks';
import { plural, useT } from '../i18n/locale';
import { isTypingTarget, keypadKeyFor } from '../keys';
import { charge, confirmLarge, EMAIL_MAX_CHARS, emailIsUsable, pressKeypad, setCustomerEmail, setNote } from '../register';
import { NOTE_MAX_CHARS, useCounter } from '../store';

export function Register({ currency }: { currency: string }) {
  const t = useT();
  const entry = useCounter((state) => state.entry);
  const note = useCounter((state) => state.note);
  const email = useCounter((state) => state.customerEmail);
  const inFlight = useCounter((state) => state.inFlight);
  const preCharge = useCounter((state) => state.preCharge);
  const blockedReason = useCounter((state) => state.status?.chargeBlockedReason ?? null);
  const hasDecimals = safeExponent(currency) > 0;
  const emailOk = emailIsUsable(email);
  const canCharge = !inFlight && !blockedReason && emailOk && entryMinor(entry, currency) !== null;

  useKeyDown((event) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter') {
      // Also from the note field: Enter there means "done, charge". A held Enter charges once.
      event.preventDefault();
      if (event.repeat) return;
      if (preCharge?.stage === 'confirm') confirmLarge();
      else charge();
      return;
    }
    if (isTypingTarget(event.target)) {
      // The note is the cashier's text, not amount keys; Escape hands the keyboard back to the keypad.
      if (event.key === 'Escape') (event.target as HTMLElement).blur();
      return;
    }
    const key = keypadKeyFor(event.key);
    if (!key || preCharge) return;
    event.preventDefault();
    pressKeypad(key);
  });

  return (
    <div className="register">
      <div className="register__entry">
        <AmountDisplay currency={currency} entry={entry} />
        <p className="register__hint">{inFlight ? t('register.creating') : hasDecimals ? t('register.hint') : t('register.hintWhole', { currency })}</p>
        <Field label={t('register.note')}>
          {(id) => (
            <input id={id} type="text" value={note} maxLength={NOTE_MAX_CHARS} placeholder={t('register.notePlaceholder')} autoComplete="off" disabled={inFlight} onChange={(event) => setNote(event.target.value)} />
          )}
        </Field>
        <Field label={t('register.email')}>
          {(id) => (
            <>
              <input
                id={id}
                type="email"
                inputMode="email"
                value={email}
                maxLength={EMAIL_MAX_CHARS}
                placeholder={t('register.emailPlaceholder')}
                autoComplete="off"
                disabled={inFlight}
                aria-invalid={emailOk ? undefined : true}
                aria-describedby={emailOk ? undefined : `${id}-error`}
                onChange={(event) => setCustomerEmail(event.target.value)}
              />
              {emailOk ? null : (
                <span id={`${id}-error`} className="field__error">
                  {t('register.emailInvalid')}
                </span>
              )}
            </>
          )}
        </Field>
        {blockedReason ? (
          <p className="charge-blocked" role="alert">
            {t('register.blocked', { reason: blockedReason })}
          </p>
        ) : null}
        <button type="button" className="button button--charge" disabled={!canCharge} onClick={charge}>
          {t('register.charge')}
        </button>
      </div>
      <Keypad onKey={pressKeypad} disabled={inFlight || preCharge !== null} />
      {preCharge?.stage === 'confirm' ? <LargeAmountDialog amount={preCharge.amount} currency={currency} /> : null}
    </div>
  );
}

/** The amount as typed, what was refused after it and why, and a live region that says the amount. */
function AmountDisplay({ currency, entry }: { currency: string; entry: Entry }) {
  const t = useT();
  const first = entry.refused[0];
  const decimals = safeExponent(currency);
  return (
    <div className="amount">
      <div className={first ? 'amount-display amount-display--refused' : 'amount-display'} aria-label={t('register.amount')} dir="ltr">
        <span className="amount-display__currency">{currency}</span>
        <span className="amount-display__value">{entry.text || '0'}</span>
      </div>
      {/* Not a role=status: the header's live region is the one status on the page. */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {`${t('register.amount')}: ${currency} ${entry.text || '0'}`}
      </p>
      {first ? (
        <p className="amount-refused" role="alert">
          <span className="amount-refused__keys" dir="ltr" aria-label={plural('refused.held', entry.refused.length)}>
            {entry.refused.map((held) => held.key).join('')}
          </span>{' '}
          {t(`refused.${first.why}`, { currency, decimals })}
        </p>
      ) : null}
    </div>
  );
}
