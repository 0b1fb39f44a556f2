// What `npm start` says when a step it needs cannot be done, above all when something it must
// download (Electron's binary, Electron's headers) cannot be fetched: one paragraph a person can
// act on, never a stack trace. The launcher prints it and exits with START_FAILED_EXIT_CODE after
// the step that failed has removed what it had started to write.

export const START_FAILED_EXIT_CODE = 1;
const PARAGRAPH_WIDTH_CHARS = 100;

export class StartFailure extends Error {
  /**
   * @param {string} headline what failed, as a sentence
   * @param {string} remedy   how to fix it, as a sentence
   */
  constructor(headline, remedy) {
    super(headline);
    this.name = 'StartFailure';
    this.remedy = remedy;
  }
}

/**
 * @param {object} failure
 * @param {string} failure.what   e.g. "Electron's binary (electron-v45.5.0-linux-x64.zip)"
 * @param {string} failure.url    where it was fetched from
 * @param {string} failure.reason the network's answer, e.g. "connect ECONNREFUSED 127.0.0.1:9"
 * @param {string} failure.remedy how to fix it, as a sentence
 */
export function downloadFailure({ what, url, reason, remedy }) {
  return new StartFailure(`${what} could not be downloaded from ${url} (${reason}).`, remedy);
}

/** The network's answer in a few words: the innermost error's message or code, no stack. */
export function describeNetworkError(error) {
  let inner = error;
  // fetch() wraps the socket error as "TypeError: fetch failed" with the real one in .cause.
  while (inner && typeof inner === 'object' && inner.cause && typeof inner.cause === 'object') inner = inner.cause;
  if (inner instanceof Error) {
    // AggregateError (e.g. IPv4 and IPv6 both refused) carries no message of its own.
    if (!inner.message && Array.isArray(inner.errors) && inner.errors[0] instanceof Error) return inner.errors[0].message;
    return inner.message || inner.code || inner.name;
  }
  return String(inner);
}

function wrap(text, width = PARAGRAPH_WIDTH_CHARS) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The one paragraph: what failed, that nothing was left behind, how to fix it, and browser mode. */
export function explainStartFailure(failure) {
  return wrap(
    [
      `npm start stopped: ${failure.message}`,
      'Nothing was left half-installed; the next npm start tries again.',
      failure.remedy,
      'See "When Electron cannot be downloaded" in the README.',
      'Meanwhile, npm run serve runs the same app in your browser now, without Electron.',
    ].join(' '),
  );
}
