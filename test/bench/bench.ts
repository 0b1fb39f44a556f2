// `npm run bench`: prints figures; nothing here is asserted (tests never assert wall-clock times).
import { benchFlood } from './flood';
import { benchNoticeLatency } from './notice-latency';
import { EXPORT_CHILD_FLAG, benchOwnerDesk, exportChild } from './owner-desk';
import { benchShopCatchUp } from './shop-catch-up';
import { benchShopDayClose } from './shop-day-close';

async function main(): Promise<void> {
  const childAt = process.argv.indexOf(EXPORT_CHILD_FLAG);
  if (childAt >= 0) {
    // A CSV export measured on its own (bench of the owner's desk), reporting JSON on stdout.
    await exportChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
    return;
  }
  // `npm run bench -- --only flood` runs one section: notice, flood, owner, shop (catch-up and day close) or shop-close.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const sections: [string, () => Promise<void>][] = [
    ['notice', () => benchNoticeLatency()],
    ['flood', () => benchFlood()],
    ['owner', () => benchOwnerDesk()],
    ['shop', async () => {
      await benchShopCatchUp();
      await benchShopDayClose();
    }],
    ['shop-close', () => benchShopDayClose()],
  ];
  console.log(`Mitilena Counter bench — node ${process.version}, ${new Date().toISOString()}\n`);
  for (const [name, run] of sections) if (!only || only === name) await run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
