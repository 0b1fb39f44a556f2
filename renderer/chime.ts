// The paid chime and the review tone (issue 12), made with Web Audio: no sound file to ship or
// fetch. Paid rises (two bright notes), review falls (two lower ones), so a busy cashier knows which
// without looking. The AudioContext is made on first use and resumed each time (a browser keeps it
// suspended until the page has had a click or a key, which a cashier's screen always has).

const NOTE_S = 0.14;
const GAP_S = 0.03;
const VOLUME = 0.25;

export const CHIMES = {
  /** E6 then A6: rising, bright. */
  paid: [1318.5, 1760],
  /** A4 then E4: falling, low. */
  review: [440, 329.6],
} as const;

export type ChimeKind = keyof typeof CHIMES;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Context = typeof window === 'undefined' ? undefined : window.AudioContext;
  if (!Context) return null;
  try {
    context = new Context();
  } catch {
    return null; // no audio device: the toast still shows
  }
  return context;
}

export function playChime(kind: ChimeKind): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  let at = ctx.currentTime + 0.01;
  for (const frequency of CHIMES[kind]) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(frequency, at);
    // A soft attack and decay: a tone, not a click.
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(VOLUME, at + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.001, at + NOTE_S);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_S);
    at += NOTE_S + GAP_S;
  }
}
