// The screens' languages (issue 12): every key of the English catalogue in every language, no key
// of its own, the same {placeholders}, no empty message; and the default language follows the
// payment page's (cz → cs; a language without a catalogue → en).
import { describe, expect, it } from 'vitest';
import { resolveUiLanguage, UI_LANGUAGES } from '../../shared/counter';
import { LANGUAGES } from '../../shared/mitilena';
import { en } from '../../renderer/i18n/en';
import { CATALOGUES, plural, setUiLanguage, t } from '../../renderer/i18n/locale';
import { formatMoneyLocal } from '../../renderer/i18n/numbers';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();

describe('the catalogues', () => {
  it.each(UI_LANGUAGES)('%s has every key of English, and only those', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(UI_LANGUAGES)('%s keeps every placeholder and leaves no message empty', (language) => {
    const catalogue = CATALOGUES[language];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(catalogue[key].trim(), key).not.toBe('');
      // A plural's "one" may say the number in words (Arabic); every other message keeps them all.
      if (key.endsWith('.one') && placeholders(catalogue[key]).length === 0) continue;
      expect(placeholders(catalogue[key]), `${language} ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it('translates the cashier screens (not just copies English)', () => {
    for (const language of UI_LANGUAGES.filter((code) => code !== 'en')) {
      expect(CATALOGUES[language]['register.charge']).not.toBe(en['register.charge']);
      expect(CATALOGUES[language]['display.scan']).not.toBe(en['display.scan']);
    }
  });

  it('defaults the screens to the payment page language: cz is Czech, one without a catalogue is English', () => {
    expect(resolveUiLanguage('auto', 'cz')).toBe('cs');
    expect(resolveUiLanguage('auto', 'ar')).toBe('ar');
    expect(resolveUiLanguage('auto', 'swa')).toBe('en');
    expect(resolveUiLanguage('tr', 'ru')).toBe('tr');
    for (const language of LANGUAGES) expect(UI_LANGUAGES).toContain(resolveUiLanguage('auto', language));
  });
});

describe('money and plurals in the chosen language', () => {
  it('groups thousands the way each language does, with the code, never through a float', () => {
    setUiLanguage('en');
    expect(formatMoneyLocal(123_450, 'EUR')).toBe('EUR 1,234.50');
    expect(formatMoneyLocal(99_999_999_999, 'EUR')).toBe('EUR 999,999,999.99');
    expect(formatMoneyLocal(1250, 'JPY')).toBe('JPY 1,250');
    expect(formatMoneyLocal(1250, 'KWD')).toBe('KWD 1.250');
    setUiLanguage('cs');
    expect(formatMoneyLocal(123_450, 'EUR')).toBe('1\u00a0234,50 EUR');
    setUiLanguage('ar');
    expect(formatMoneyLocal(123_450, 'EUR')).toContain('1,234.50');
    setUiLanguage('en');
  });

  it('picks the plural form by the language rules', () => {
    setUiLanguage('ru');
    expect([1, 3, 5, 21].map((count) => plural('count.sales', count))).toEqual(['1 продажа', '3 продажи', '5 продаж', '21 продажа']);
    setUiLanguage('cs');
    expect([1, 3, 5].map((count) => plural('count.sales', count))).toEqual(['1 prodej', '3 prodeje', '5 prodejů']);
    setUiLanguage('en');
    expect(t('today.paid', { totals: 'EUR 1.00' })).toBe('Paid today: EUR 1.00');
  });
});
