/** A duration in seconds as a person reads it in a sentence: "5" for 5,000 ms, "0.3" for 300 ms. */
export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
