// The owner's desk for the whole shop (issue 15): historyPage, historySummary, dayClose, closeDay and
// exportCsv take `scope` (and the Z-report list and reprint, so the screen can show the shop's); 'counter' (the default) goes to the counter's own handlers unchanged, 'shop'
// is answered here from the shop ledger with the owner desk's role. The owner-only gate
// (access/handlers.ts) stands in front of both. shopCounters says how current each counter's data is.
import type { Actor } from '../../../../shared/access';
import type { PosValue } from '../../../../shared/api';
import { exportFileName } from '../../owner/csv-rows';
import { fail, ok } from '../../../../shared/result';
import { DEFAULT_CALL_CONTEXT, type CallContext } from '../../dispatch';
import type { DownloadRegistry, OwnerHandlers, OwnerHost } from '../../owner/types';
import { defineMethods, type MethodGroup } from '../../registry';
import { shopCsvToFile, shopCsvToStream } from './csv';
import type { OwnerShopConnection } from './owner-connection';
import { shopCounters, shopDayClose, shopHistoryPage, shopHistorySummary } from './reads';
import { closeShopDay, getShopDayClose, listShopDayCloses } from './z-report';

export interface ShopDeskDeps {
  connection: OwnerShopConnection;
  now: () => Date;
  host: OwnerHost;
  downloads: DownloadRegistry;
  actorOf?: (context: CallContext) => Actor | null;
}

const ONE_COUNTER_IN_SHOP = 'A counter is chosen among the whole shop’s: send scope "shop" with it (this counter’s own history needs none).';

/** `name-shop.csv` beside the counter's name, so the two files of one range never take each other's place. */
const shopFileName = (from: string, to: string): string => exportFileName(from, to).replace(/\.csv$/, '-shop.csv');

/** The counter's owner handlers with the five scoped methods branching on `scope`. */
export function withShopScope(counter: OwnerHandlers, deps: ShopDeskDeps): OwnerHandlers {
  const { connection } = deps;
  return defineMethods({
    ...counter,
    historyPage: async ({ scope, counter: one, ...args }, context) => {
      if (scope !== 'shop') return one === undefined ? counter.historyPage(args, context) : fail('invalid-input', ONE_COUNTER_IN_SHOP);
      return connection.run(async (client) => ok(await client.withConnection((db) => shopHistoryPage(db, { ...args, counter: one }))));
    },
    historySummary: async ({ scope, counter: one, ...args }, context) => {
      if (scope !== 'shop') return one === undefined ? counter.historySummary(args, context) : fail('invalid-input', ONE_COUNTER_IN_SHOP);
      return connection.run(async (client) => ok(await client.withConnection((db) => shopHistorySummary(db, { ...args, counter: one }))));
    },
    dayClose: async ({ scope, ...args }, context) => (scope === 'shop' ? connection.run(async (client) => ok(await client.withConnection((db) => shopDayClose(db, args)))) : counter.dayClose(args, context)),
    closeDay: async ({ scope, ...args }, context = DEFAULT_CALL_CONTEXT) =>
      scope === 'shop' ? connection.run((client) => closeShopDay(client, args.date, deps.now(), deps.actorOf?.(context) ?? null)) : counter.closeDay(args, context),
    listDayCloses: async ({ scope, ...args }, context) => (scope === 'shop' ? connection.run(async (client) => ok(await listShopDayCloses(client, args.limit))) : counter.listDayCloses(args, context)),
    getDayClose: async ({ scope, ...args }, context) => (scope === 'shop' ? connection.run((client) => getShopDayClose(client, args.number)) : counter.getDayClose(args, context)),
    exportCsv: async ({ scope, ...args }, context) => {
      if (scope !== 'shop') return counter.exportCsv(args, context);
      if (new Date(args.from).getTime() >= new Date(args.to).getTime()) return fail('invalid-input', 'The export range ends before it starts');
      const range = { from: args.from, to: args.to, bom: args.bom ?? true };
      const filename = shopFileName(args.from, args.to);
      if (deps.host.chooseSavePath) {
        // Reached before the dialog: an owner is not asked where to save a file that cannot be made.
        return connection.run<PosValue<'exportCsv'>>(async (client) => {
          await client.withConnection((db) => db.query('SELECT 1'));
          const path = await deps.host.chooseSavePath?.(filename);
          if (!path) return ok({ path: null, downloadUrl: null, rows: null });
          return ok({ path, downloadUrl: null, rows: await shopCsvToFile(client, range, path) });
        });
      }
      return connection.run(async (client) => {
        await client.withConnection((db) => db.query('SELECT 1'));
        const downloadUrl = deps.downloads.offer({ filename, contentType: 'text/csv; charset=utf-8', write: (out) => shopCsvToStream(client, range, out) });
        return ok({ path: null, downloadUrl, rows: null });
      });
    },
  });
}

export function shopDeskMethods(deps: Pick<ShopDeskDeps, 'connection'>): MethodGroup<'shopCounters'> {
  return defineMethods({
    shopCounters: async () => deps.connection.run(async (client) => ok({ counters: await client.withConnection((db) => shopCounters(db)) })),
  });
}
