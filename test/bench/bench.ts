// `npm run bench`: prints figures; nothing here is asserted (tests never assert wall-clock times).
import { benchNoticeLatency } from './notice-latency';
import { EXPORT_CHILD_FLAG, benchOwnerDesk, exportChild } from './owner-desk';

async function main(): Promise<void> {
  const childAt = process.argv.indexOf(EXPORT_CHILD_FLAG);
  if (childAt >= 0) {
    // A CSV export measured on its own (bench of the owner's desk), reporting JSON on stdout.
    await exportChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
    return;
  }
  console.log(`Mitilena Counter bench — node ${process.version}, ${new Date().toISOString()}\n`);
  await benchNoticeLatency();
  await benchOwnerDesk();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
