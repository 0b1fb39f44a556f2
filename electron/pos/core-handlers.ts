// Every PosApi method in one registry (a name given twice is refused), behind the owner's PIN: the
// sale service, status, settings, the owner's desk (this counter or the whole shop), access, the
// counter's display and printer, support. Built by startCore once its parts are wired.
import { ok } from '../../shared/result';
import { accessMethods, guardOwnerMethods } from './access/handlers';
import type { AccessControl } from './access/sessions';
import type { CoreOptions } from './core';
import { statusOf, type CoreParts } from './core-parts';
import { counterMethods } from './counter/handlers';
import type { PosHandlers } from './dispatch';
import type { coreSecrets } from './logs/core-secrets';
import { createDownloadRegistry, createOwnerHandlers } from './owner/handlers';
import { combineMethods, defineMethods } from './registry';
import type { SaleService } from './sales/service';
import { settingsMethods } from './settings/handlers';
import { shopDeskMethods, withShopScope } from './shop/desk/handlers';
import { OwnerShopConnection } from './shop/desk/owner-connection';
import { supportMethods } from './support/handlers';
import { APP_VERSION } from './version';

interface HandlerDeps {
  options: CoreOptions;
  parts: CoreParts;
  service: SaleService;
  access: AccessControl;
  secrets: ReturnType<typeof coreSecrets>;
  databaseFile: string;
  downloads: ReturnType<typeof createDownloadRegistry>;
  /** Undone at close with the rest of the core. */
  teardown: { add(step: () => Promise<void> | void): void };
  log: (line: string) => void;
}

/** Every PosApi method, one registry (a name given twice is refused), behind the owner's PIN. */
export function coreHandlers({ options, parts, service, access, secrets, databaseFile, downloads, teardown, log }: HandlerDeps): PosHandlers {
  const { ledger, events, settings, chain, check, display, now } = parts;
  const ownerShop = new OwnerShopConnection(() => settings.secret('shopLedgerOwnerUrl'), log);
  teardown.add(() => ownerShop.close());
  const host = options.host ?? {};
  const actorOf = (context: Parameters<AccessControl['actorOf']>[0]) => access.actorOf(context);
  const all = combineMethods(
    service.methods,
    defineMethods({
      getStatus: async () => ok(statusOf(parts)),
      checkReachability: async () => ok(await check.run()),
    }),
    settingsMethods(settings, (blockchain) => chain.coverageNote(blockchain), (context) => access.ownerPinChanged(context)),
    // Issue 15: the scoped desk methods branch here; 'counter' reaches the owner handlers unchanged.
    withShopScope(
      createOwnerHandlers({ ledger, events, databaseFile, nativeBinding: options.nativeBinding, now, receiptSettings: () => settings.receipt(), host, downloads, actorOf }),
      { connection: ownerShop, now, host, downloads, actorOf },
    ),
    shopDeskMethods({ connection: ownerShop }),
    accessMethods(access),
    counterMethods({ ledger, display, host: options.counterHost ?? {}, printer: () => settings.counter.printer }),
    supportMethods({ dataDir: options.dataDir, databaseFile, nativeBinding: options.nativeBinding, appVersion: APP_VERSION, now, settings: () => settings.view(chain.coverageNote(settings.current.blockchain)), secrets, host, downloads }),
  );
  // With an owner PIN set, the owner-only methods answer 'owner-locked' until the caller's window unlocks.
  return guardOwnerMethods(all, access);
}
