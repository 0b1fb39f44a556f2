// Another server's own words (the gateway's 400, an explorer's refusal), fit for a person's screen.
// The gateway's contract says plain text, but the guide's sample server is Express, whose
// res.status(400).send('Error: …') is labelled text/html: so a body is read as text whatever
// Content-Type says, and only a body that really is HTML is reduced to its title or first text.
// Whatever it says, no key the counter holds ever shows, not even a fragment of one.
import { redactSecrets } from './redact';

/** Only the start of a large body is looked at; an error page's point is near its top. */
const MAX_SCANNED_CHARS = 20_000;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** True for a document with markup, not for a sentence that merely mentions "<" or is labelled HTML. */
function looksLikeHtml(text: string): boolean {
  return /<(!doctype|html|head|body|title|p|div|h[1-6]|pre|span|br)\b/i.test(text);
}

/** An HTML page's title, else its visible text. */
function htmlText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (title && title.replace(/<[^>]*>/g, '').trim()) return title.replace(/<[^>]*>/g, ' ');
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
}

/**
 * The words to show, or null when there are none: tags stripped from real HTML, entities decoded,
 * whitespace collapsed, every trace of a secret removed, then cut to `maxChars`.
 */
export function outsideWords(body: string, secrets: readonly (string | null | undefined)[], maxChars: number): string | null {
  const scanned = body.slice(0, MAX_SCANNED_CHARS);
  const text = looksLikeHtml(scanned) ? decodeEntities(htmlText(scanned)) : scanned;
  // Redacted before whitespace is collapsed or the text cut: a key split by a line break or cut at
  // the limit must still be found.
  const clean = redactSecrets(text, secrets)
    // eslint-disable-next-line no-control-regex
    .replace(/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]+/g, ' ')
    .trim();
  if (!clean) return null;
  return clean.length > maxChars ? `${clean.slice(0, maxChars).trimEnd()}…` : clean;
}
