// The counter's own settings as the Settings form holds them (issue 12): numbers as typed text,
// sent only when changed; the core checks each and says what is wrong under "counter.<field>".
import type { CounterSettings, CounterSettingsUpdate } from '../../shared/counter';

export interface CounterForm {
  uiLanguage: string;
  chime: boolean;
  tipsEnabled: boolean;
  /** "10 15 20": up to three whole percentages, separated by spaces or commas. */
  tipPercents: string;
  tipCustom: boolean;
  confirmAbove: string;
  counterTimeoutMinutes: string;
  paperWidth: string;
  autoPrint: boolean;
  printer: string;
}

export function counterFormFrom(settings: CounterSettings): CounterForm {
  return {
    uiLanguage: settings.uiLanguage,
    chime: settings.chime,
    tipsEnabled: settings.tips.enabled,
    tipPercents: settings.tips.percents.join(' '),
    tipCustom: settings.tips.custom,
    confirmAbove: String(settings.confirmAbove),
    counterTimeoutMinutes: String(settings.counterTimeoutMinutes),
    paperWidth: settings.paperWidth,
    autoPrint: settings.autoPrint,
    printer: settings.printer ?? '',
  };
}

/** Text → number for the core to check; what is not a whole number is sent as -1, which the core refuses with its message. */
const numberOf = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text.trim()) : -1);

function percentsOf(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map((part) => numberOf(part.replace(/%$/, '')));
}

/** Only what differs from what the core holds; null when nothing does. */
export function changedCounter(settings: CounterSettings, form: CounterForm): CounterSettingsUpdate | null {
  const update: CounterSettingsUpdate = {};
  if (form.uiLanguage !== settings.uiLanguage) update.uiLanguage = form.uiLanguage;
  if (form.chime !== settings.chime) update.chime = form.chime;
  const tips = { enabled: form.tipsEnabled, percents: percentsOf(form.tipPercents), custom: form.tipCustom };
  if (JSON.stringify(tips) !== JSON.stringify(settings.tips)) update.tips = tips;
  if (form.confirmAbove.trim() !== String(settings.confirmAbove)) update.confirmAbove = numberOf(form.confirmAbove);
  if (form.counterTimeoutMinutes.trim() !== String(settings.counterTimeoutMinutes)) update.counterTimeoutMinutes = numberOf(form.counterTimeoutMinutes);
  if (form.paperWidth !== settings.paperWidth) update.paperWidth = form.paperWidth;
  if (form.autoPrint !== settings.autoPrint) update.autoPrint = form.autoPrint;
  if ((form.printer.trim() || null) !== settings.printer) update.printer = form.printer.trim() || null;
  return Object.keys(update).length ? update : null;
}
