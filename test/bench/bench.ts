// `npm run bench`: prints figures beside their budgets; nothing here is asserted (tests never assert
// wall-clock times). `--only owner,notice,paid-on-screen` runs some sections; `--json FILE` also writes the figures.
import { loadavg } from 'node:os';
import { printBudgetTable, writeFiguresJson, type Figures } from './figures';
import { benchFlood } from './flood';
import { benchNoticeLatency } from './notice-latency';
import { EXPORT_CHILD_FLAG, benchOwnerDesk, exportChild } from './owner-desk';
import { benchShopCatchUp } from './shop-catch-up';
import { benchShopDayClose } from './shop-day-close';
import { benchStart } from './start';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf(EXPORT_CHILD_FLAG);
  if (childAt >= 0) {
    // A CSV export measured on its own (bench of the owner's desk), reporting JSON on stdout.
    await exportChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string, Number(process.argv[childAt + 3] ?? 0) || undefined);
    return;
  }
  const only = flag('--only')?.split(',');
  const jsonFile = flag('--json');
  const figures: Figures = {};
  // The third element: run only when named in --only (its figures come with another section too).
  const sections: [string, () => Promise<Figures | void>, 'only-when-named'?][] = [
    ['notice', () => benchNoticeLatency()],
    // The same notice until "Paid" is on the cashier's screen in Chromium (loaded when run, as the soak).
    ['paid-on-screen', async () => (await import('./paid-on-screen')).benchPaidOnScreen()],
    ['flood', () => benchFlood()],
    ['owner', () => benchOwnerDesk()],
    // Both hosts' start on the big ledger, alone (the owner section measures it too, on its own ledger).
    ['start', () => benchStart(), 'only-when-named'],
    // Loaded when run: the export's child processes need not load Chromium's driver.
    ['soak', async () => (await import('./soak')).benchSoak()],
    // The shop ledger (issue 15): catching up, then the whole shop's day close; `shop-close` runs the latter alone.
    ['shop', async () => {
      await benchShopCatchUp();
      await benchShopDayClose();
    }],
    ['shop-close', () => benchShopDayClose()],
  ];
  const load = (): string => loadavg().map((value) => value.toFixed(2)).join(', ');
  const startLoad = load();
  console.log(`Mitilena Counter bench — node ${process.version}, ${new Date().toISOString()}, load average ${startLoad}\n`);
  const wanted = (name: string, named?: 'only-when-named'): boolean => (only ? only.includes(name) : !named);
  for (const [name, run, named] of sections) if (wanted(name, named)) Object.assign(figures, (await run()) ?? {});
  console.log(`\nload average at the end: ${load()}`);
  printBudgetTable(figures);
  if (jsonFile) {
    writeFiguresJson(jsonFile, figures, { at: new Date().toISOString(), node: process.version, loadAverage: { start: startLoad, end: load() }, sections: only ?? sections.filter(([name, , named]) => wanted(name, named)).map(([name]) => name) });
    console.log(`\nfigures written to ${jsonFile}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
