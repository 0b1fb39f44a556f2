// Settings → At the counter (issue 12): the screens' language, the chime, tips, the confirmation of
// large amounts, the counter's own time-out, the customer receipt's paper and printer, and the
// customer display. Its own fieldset, saved with the rest of Settings.
import { useEffect, useState } from 'react';
import { PAPER_WIDTHS, UI_LANGUAGES } from '../../../shared/counter';
import { Select } from '../../components/Field';
import type { CounterForm } from '../../desk/counter-form';
import { SettingsField, useFieldError } from '../../desk/SettingsFields';
import { loadPrinters, openCustomerDisplay, setCounterField } from '../../desk/settings-store';
import { useT } from '../../i18n/locale';
import { useCounter } from '../../store';

/** Each language by its own name. */
const LANGUAGE_NAME: Readonly<Record<(typeof UI_LANGUAGES)[number], string>> = { en: 'English', cs: 'Čeština', ru: 'Русский', tr: 'Türkçe', ar: 'العربية' };

function Check({ name, label, form }: { name: 'chime' | 'tipsEnabled' | 'tipCustom' | 'autoPrint'; label: string; form: CounterForm }) {
  return (
    <label className="check">
      <input type="checkbox" checked={form[name]} onChange={(event) => setCounterField(name, event.target.checked)} />
      {label}
    </label>
  );
}

function NumberSetting({ name, label, form }: { name: 'tipPercents' | 'confirmAbove' | 'counterTimeoutMinutes'; label: string; form: CounterForm }) {
  const error = useFieldError(`counter.${name === 'tipPercents' ? 'tips' : name}`);
  return (
    <SettingsField label={label} error={error}>
      {(id, describedBy) => (
        <input id={id} type="text" inputMode="numeric" dir="ltr" value={form[name]} aria-describedby={describedBy} aria-invalid={error ? true : undefined} onChange={(event) => setCounterField(name, event.target.value)} />
      )}
    </SettingsField>
  );
}

export function CounterSettings({ form }: { form: CounterForm }) {
  const t = useT();
  const currency = useCounter((state) => state.status?.currency ?? '');
  const languages = [{ value: 'auto', text: t('settings.uiLanguageAuto') }, ...UI_LANGUAGES.map((code) => ({ value: code, text: LANGUAGE_NAME[code] }))];
  const papers = PAPER_WIDTHS.map((width) => ({ value: width, text: t(`settings.paper.${width}`) }));
  return (
    <fieldset className="settings__group">
      <legend>{t('settings.counter')}</legend>
      <SettingsField label={t('settings.uiLanguage')}>
        {(id, describedBy) => <Select id={id} describedBy={describedBy} value={form.uiLanguage} choices={languages} onChange={(value) => setCounterField('uiLanguage', value)} />}
      </SettingsField>
      <Check name="chime" label={t('settings.chime')} form={form} />
      <Check name="tipsEnabled" label={t('settings.tipsEnabled')} form={form} />
      <NumberSetting name="tipPercents" label={t('settings.tipPercents')} form={form} />
      <Check name="tipCustom" label={t('settings.tipCustom')} form={form} />
      <NumberSetting name="confirmAbove" label={t('settings.confirmAbove', { currency })} form={form} />
      <NumberSetting name="counterTimeoutMinutes" label={t('settings.timeout')} form={form} />
      <SettingsField label={t('settings.paper')}>
        {(id, describedBy) => <Select id={id} describedBy={describedBy} value={form.paperWidth} choices={papers} onChange={(value) => setCounterField('paperWidth', value)} />}
      </SettingsField>
      <Check name="autoPrint" label={t('settings.autoPrint')} form={form} />
      <PrinterSetting form={form} />
      <DisplayOpener />
    </fieldset>
  );
}

function PrinterSetting({ form }: { form: CounterForm }) {
  const t = useT();
  const [printers, setPrinters] = useState<{ name: string; isDefault: boolean }[]>([]);
  useEffect(() => {
    let current = true;
    void loadPrinters().then((found) => current && setPrinters(found));
    return () => {
      current = false;
    };
  }, []);
  // Browser mode knows no printers: its print dialog chooses.
  if (printers.length === 0 && !form.printer) return null;
  const names = [...new Set([...printers.map((printer) => printer.name), ...(form.printer ? [form.printer] : [])])];
  const choices = [{ value: '', text: t('settings.printerDefault') }, ...names.map((name) => ({ value: name, text: name }))];
  return (
    <SettingsField label={t('settings.printer')}>
      {(id, describedBy) => <Select id={id} describedBy={describedBy} value={form.printer} choices={choices} onChange={(value) => setCounterField('printer', value)} />}
    </SettingsField>
  );
}

function DisplayOpener() {
  const t = useT();
  const [answer, setAnswer] = useState<{ url: string | null; error: string | null } | null>(null);
  return (
    <div className="settings__check">
      <button type="button" className="button button--small button--secondary" onClick={() => void openCustomerDisplay().then(setAnswer)}>
        {t('settings.openDisplay')}
      </button>
      {answer?.url ? (
        <span className="settings__display-link">
          {t('settings.displayLink')}{' '}
          <a href={answer.url} target="_blank" rel="noopener noreferrer" className="mono">
            {answer.url}
          </a>
        </span>
      ) : null}
      {answer?.error ? <span className="field__error">{answer.error}</span> : null}
    </div>
  );
}
