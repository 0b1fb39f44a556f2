// How long each step of the core's start took: one log line at the end of the start, so a slow start
// on a big ledger says where its time went (the bench reads the same line).

export interface StartStep {
  name: string;
  ms: number;
}

export class StartClock {
  private readonly steps: StartStep[] = [];
  private readonly startedMs: number;
  private lastMs: number;

  /** `elapsedMs` is a monotonic clock in milliseconds (performance.now by default). */
  constructor(private readonly elapsedMs: () => number = () => performance.now()) {
    this.startedMs = elapsedMs();
    this.lastMs = this.startedMs;
  }

  /** Ends the step `name`: the time since the previous mark (or since the clock was made). */
  mark(name: string): void {
    const at = this.elapsedMs();
    this.steps.push({ name, ms: at - this.lastMs });
    this.lastMs = at;
  }

  get totalMs(): number {
    return this.lastMs - this.startedMs;
  }

  list(): readonly StartStep[] {
    return this.steps;
  }

  /** "<what> in 812 ms: ledger 640 ms, settings 3 ms, …" */
  line(what: string): string {
    return `${what} in ${shownMs(this.totalMs)} ms: ${this.steps.map((step) => `${step.name} ${shownMs(step.ms)} ms`).join(', ')}`;
  }
}

const shownMs = (ms: number): string => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
