// Entry of dist/bench-electron-start.js (scripts/build-main.mjs): the desktop app's start on the data
// folder given as the only argument, for the start bench. A bundle of its own, so the time measured
// loads what the desktop app's main loads (the lifecycle and the core), not the whole bench.
import { electronStartChild } from './electron-start';

electronStartChild(process.argv[2] as string).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
