// `npm run bench`: prints figures; nothing here is asserted (tests never assert wall-clock times).
import { benchNoticeLatency } from './notice-latency';

async function main(): Promise<void> {
  console.log(`Mitilena Counter bench — node ${process.version}, ${new Date().toISOString()}\n`);
  await benchNoticeLatency();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
