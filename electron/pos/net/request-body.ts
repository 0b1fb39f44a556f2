// The one way a server here reads a request body: at most `limitBytes`, refused early when the
// declared Content-Length is already over, and never collected past the limit. What is left of an
// oversized body is discarded (not buffered, not read to the end for us): the caller answers 413
// (or its own refusal) with `Connection: close`, and Node closes the socket once that answer is out.
import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' };

/** The headers every too-large answer carries: the rest of the body is not waited for. */
export const CLOSE_AFTER_ANSWER = { connection: 'close' } as const;

const TOO_LARGE: BodyRead = { ok: false, reason: 'too-large' };

/** Reads the body up to the limit; rejects when the request breaks off (the caller says what that means). */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limitBytes) {
    request.resume();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      // No for-await: leaving such a loop early destroys the socket, and the client should hear our answer.
      request.off('data', onData);
      request.resume();
      resolve(TOO_LARGE);
    };
    request.on('data', onData);
    request.once('end', () => resolve(size > limitBytes ? TOO_LARGE : { ok: true, body: Buffer.concat(chunks) }));
    request.once('error', reject);
  });
}
