// The owner's desk behind PosApi: history, day close, receipts, owner actions and the CSV export.
// Reads run on the core's connection (indexed, milliseconds); the export runs in a worker.
import { fail, ok } from '../../../shared/result';
import { DEFAULT_CALL_CONTEXT, type CallContext } from '../dispatch';
import { dayClose } from './day-close';
import { createDownloadRegistry } from './downloads';
import { defaultExportWorkerFile, runCsvExport } from './csv-export';
import { exportFileName } from './csv-rows';
import { historyPage, historySummary } from './history';
import { markPaid, resolveReview, voidSale } from './owner-actions';
import { buildReceipt, explorerUrl } from './receipt';
import { refundSale } from './refunds';
import { closeDay, getDayClose, listDayCloses } from './z-report';
import { defineMethods } from '../registry';
import type { OwnerDeps, OwnerHandlers } from './types';

export { createDownloadRegistry };

const PDF_HINT = 'Use your browser\'s print dialog and choose "Save as PDF"';
const NO_SALE = 'There is no such sale on this counter';

export function createOwnerHandlers(deps: OwnerDeps): OwnerHandlers {
  const { ledger } = deps;
  const workerFile = (): string => deps.exportWorkerFile ?? defaultExportWorkerFile();
  const by = (context: CallContext = DEFAULT_CALL_CONTEXT) => deps.actorOf?.(context) ?? null;

  return defineMethods({
    historyPage: async (args) => ok(historyPage(ledger, args)),
    historySummary: async (args) => ok(historySummary(ledger, args)),
    dayClose: async (args) => ok(dayClose(ledger, args)),

    getReceipt: async ({ saleId }) => {
      const sale = ledger.getSale(saleId);
      return sale ? ok(buildReceipt(ledger, sale, deps.receiptSettings())) : fail('not-found', NO_SALE);
    },

    openExplorer: async ({ saleId }) => {
      const sale = ledger.getSale(saleId);
      if (!sale) return fail('not-found', NO_SALE);
      const url = explorerUrl(sale.blockchain, sale.txHash);
      if (!url) return fail('not-found', 'This sale has no transaction a block explorer would know');
      if (!deps.host.openExternal) return ok({ url, opened: false });
      await deps.host.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (reviewed: the URL comes from explorerUrl(), never from the page)
      return ok({ url, opened: true });
    },

    savePdf: async ({ suggestedName }) => {
      if (!deps.host.savePdf) return fail('not-ready', PDF_HINT);
      return ok({ path: await deps.host.savePdf(suggestedName ?? 'mitilena-receipt.pdf') });
    },

    resolveReview: async (args, context) => resolveReview(deps, args, by(context)),
    markPaid: async (args, context) => markPaid(deps, args, by(context)),
    voidSale: async (args, context) => voidSale(deps, args, by(context)),
    refundSale: async (args, context) => refundSale(deps, args, by(context)),
    closeDay: async ({ date }, context) => closeDay(deps, date, by(context)),
    listDayCloses: async ({ limit }) => ok(listDayCloses(ledger, limit)),
    getDayClose: async ({ number }) => getDayClose(ledger, number),

    exportCsv: async ({ from, to, bom }) => {
      if (new Date(from).getTime() >= new Date(to).getTime()) return fail('invalid-input', 'The export range ends before it starts');
      const job = { databaseFile: deps.databaseFile, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}), from, to, bom: bom ?? true };
      const filename = exportFileName(from, to);
      if (deps.host.chooseSavePath) {
        const path = await deps.host.chooseSavePath(filename);
        if (!path) return ok({ path: null, downloadUrl: null, rows: null });
        try {
          const rows = await runCsvExport(job, { kind: 'file', path }, workerFile());
          return ok({ path, downloadUrl: null, rows });
        } catch (error) {
          // The worker writes beside the file and renames at the end, so nothing was left half-written.
          return fail('internal', `The export could not be written (${error instanceof Error ? error.message : 'unknown error'}). No file was changed; try again.`);
        }
      }
      const downloadUrl = deps.downloads.offer({
        filename,
        contentType: 'text/csv; charset=utf-8',
        write: (out) => runCsvExport(job, { kind: 'stream', out }, workerFile()),
      });
      return ok({ path: null, downloadUrl, rows: null });
    },
  });
}
