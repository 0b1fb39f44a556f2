// Notes as a cashier (or a paste from anywhere) might type them: the characters CSV quoting and
// spreadsheets trip over, mixed with arbitrary text. Shared by the CSV property tests.
import fc from 'fast-check';

const AWKWARD = [
  '"', '""', ',', ';', '\r', '\n', '\r\n', '\n\r', '\uFEFF', ' ', '\t', "'",
  '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20',
  '=SUM(A1:A9)', '+1 555 0100', '-12.50', '@cmd', '=HYPERLINK("http://x")',
  '☕', '😀', '👩‍👩‍👧', 'é', 'Кофе', '東京', '\u2028', '\u0000',
];

/** One note: pieces of awkward characters and arbitrary graphemes, joined. */
export const noteArbitrary: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** How spreadsheets and Python's csv read: CR, LF and CRLF all end a record unless quoted. */
export const STRICT_PARSE = { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false };
