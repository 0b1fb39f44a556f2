// The stored Z-reports: the list to reprint from, the one on screen, and closing a day (owner only:
// through withOwner, so a locked counter asks for the PIN first).
import type { ZReport } from '../../shared/books';
import type { Result } from '../../shared/result';
import { withOwner } from '../access/store';
import { pos } from '../bridge/installed';
import { createReader } from './reader';

export const zListReader = createReader((_args: { all: true }) => pos().listDayCloses({}));

export const zReportReader = createReader((args: { number: number }) => pos().getDayClose(args));

/** Closes `day` (or brings back its report when it was closed), then shows it and refreshes the list. */
export async function closeTheDay(day: string): Promise<Result<ZReport>> {
  const result = await withOwner(() => pos().closeDay({ date: day }));
  if (result.ok) {
    zListReader.refresh();
    zReportReader.show({ number: result.value.number });
  }
  return result;
}
