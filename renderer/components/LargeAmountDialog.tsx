// "Charge a large amount?" (issue 12): above the owner's limit the cashier confirms the amount
// before anything is charged; Escape or Back returns to the amount as typed.
import { parseAmount } from '../../shared/money';
import { showMoney } from '../format';
import { useT } from '../i18n/locale';
import { backToAmount, confirmLarge } from '../register';
import { useCounter } from '../store';
import { Dialog } from './Dialog';

export function LargeAmountDialog({ amount, currency }: { amount: string; currency: string }) {
  const t = useT();
  const limit = useCounter((state) => state.status?.counter.confirmAbove ?? 0);
  const parsed = parseAmount(amount, currency);
  const shown = parsed.ok ? showMoney(parsed.minor, currency) : `${currency} ${amount}`;
  const limitShown = parseAmount(String(limit), currency);
  return (
    <Dialog title={t('confirm.title')} onClose={backToAmount} className="dialog--narrow" closeLabel={t('confirm.back')}>
      <p className="confirm__text">{t('confirm.text', { amount: shown, limit: limitShown.ok ? showMoney(limitShown.minor, currency) : `${currency} ${limit}` })}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" data-autofocus onClick={confirmLarge}>
          {t('confirm.yes')}
        </button>
      </div>
    </Dialog>
  );
}
