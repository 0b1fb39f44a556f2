// The counter's own settings (issue 12), stored under their own key in the ledger's meta table and
// checked field by field with a message each, like the rest of Settings (validate.ts) but apart
// from it: what is said about a field is keyed "counter.<field>".
import { CounterSettingsSchema, DEFAULT_COUNTER_SETTINGS, MAX_TIP_CHOICES, PAPER_WIDTHS, UI_LANGUAGE_CHOICES, type CounterSettings, type CounterSettingsUpdate } from '../../../shared/counter';
import type { Ledger } from '../store/ledger';

export const COUNTER_SETTINGS_META_KEY = 'counter-settings';

export type CheckedCounterUpdate = { ok: true; patch: Partial<CounterSettings> } | { ok: false; fields: Record<string, string> };

// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;

const wholeIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

/** Every field of an update checked; either all of it is usable or nothing is. */
export function validateCounterUpdate(update: CounterSettingsUpdate): CheckedCounterUpdate {
  const fields: Record<string, string> = {};
  const patch: Partial<CounterSettings> = {};
  const say = (field: string, message: string): void => {
    fields[`counter.${field}`] = message;
  };
  if (update.uiLanguage !== undefined) {
    const choice = UI_LANGUAGE_CHOICES.find((code) => code === update.uiLanguage);
    if (choice) patch.uiLanguage = choice;
    else say('uiLanguage', `Choose one of ${UI_LANGUAGE_CHOICES.join(', ')}`);
  }
  if (update.tips !== undefined) {
    const { percents } = update.tips;
    if (percents.length > MAX_TIP_CHOICES) say('tips', `At most ${MAX_TIP_CHOICES} percentages`);
    else if (!percents.every((percent) => wholeIn(percent, 1, 100))) say('tips', 'Each tip is a whole percentage from 1 to 100');
    else if (new Set(percents).size !== percents.length) say('tips', 'Each percentage once');
    else if (update.tips.enabled && percents.length === 0 && !update.tips.custom) say('tips', 'Offer at least one percentage or a custom tip');
    else patch.tips = { enabled: update.tips.enabled, percents: [...percents].sort((a, b) => a - b), custom: update.tips.custom };
  }
  if (update.confirmAbove !== undefined) {
    if (wholeIn(update.confirmAbove, 1, 1_000_000_000)) patch.confirmAbove = update.confirmAbove;
    else say('confirmAbove', 'A whole amount from 1 to 1,000,000,000');
  }
  if (update.counterTimeoutMinutes !== undefined) {
    if (wholeIn(update.counterTimeoutMinutes, 1, 240)) patch.counterTimeoutMinutes = update.counterTimeoutMinutes;
    else say('counterTimeoutMinutes', 'Whole minutes from 1 to 240');
  }
  if (update.paperWidth !== undefined) {
    const width = PAPER_WIDTHS.find((choice) => choice === update.paperWidth);
    if (width) patch.paperWidth = width;
    else say('paperWidth', `Choose one of ${PAPER_WIDTHS.join(', ')}`);
  }
  if (update.printer !== undefined) {
    const printer = (update.printer ?? '').trim();
    if (CONTROL_OR_NEWLINE.test(printer)) say('printer', 'Use the printer name as the system shows it');
    else patch.printer = printer || null;
  }
  for (const name of ['chime', 'autoPrint'] as const) {
    const value = update[name];
    if (value !== undefined) patch[name] = value;
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, patch };
}

/** The stored counter settings; what was never saved (or cannot be read) has its default. */
export function readCounterSettings(ledger: Ledger, log?: (line: string) => void): CounterSettings {
  const raw = ledger.getMeta(COUNTER_SETTINGS_META_KEY);
  if (raw === null) return structuredClone(DEFAULT_COUNTER_SETTINGS);
  try {
    return CounterSettingsSchema.parse({ ...DEFAULT_COUNTER_SETTINGS, ...(JSON.parse(raw) as object) });
  } catch {
    log?.("settings: the counter's settings could not be read; using the defaults until they are saved again");
    return structuredClone(DEFAULT_COUNTER_SETTINGS);
  }
}

export function writeCounterSettings(ledger: Ledger, settings: CounterSettings): void {
  ledger.setMeta(COUNTER_SETTINGS_META_KEY, JSON.stringify(CounterSettingsSchema.parse(settings)));
}
