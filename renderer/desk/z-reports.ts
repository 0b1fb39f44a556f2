// The stored Z-reports: the list to reprint from, the one on screen, and closing a day (owner only:
// through withOwner, so a locked counter asks for the PIN first).
import type { DeskScope } from '../../shared/api';
import type { ZReport } from '../../shared/books';
import type { Result } from '../../shared/result';
import { withOwner } from '../access/store';
import { pos } from '../bridge/installed';
import { createReader } from './reader';
import { inScope, scopeArg } from './scope';

export const zListReader = createReader((args: { all: true; scope?: DeskScope }) => inScope(args.scope, () => pos().listDayCloses(scopeArg(args.scope))));

export const zReportReader = createReader((args: { number: number; scope?: DeskScope }) => inScope(args.scope, () => pos().getDayClose({ number: args.number, ...scopeArg(args.scope) })));

/** Closes `day` (or brings back its report when it was closed), then shows it and refreshes the list. */
export async function closeTheDay(day: string, scope: DeskScope = 'counter'): Promise<Result<ZReport>> {
  const result = await withOwner(() => pos().closeDay({ date: day, ...scopeArg(scope) }));
  if (result.ok) {
    zListReader.refresh();
    zReportReader.show({ number: result.value.number, ...scopeArg(scope) });
  }
  return result;
}
