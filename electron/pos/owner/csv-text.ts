// Records to CSV text, one place for the quoting rules: Papa Parse's (`unparse` with `quotes: false`),
// written out here because they are one line and Papa's general path costs ~3 µs per 25-cell row in
// a million-row export. A cell is quoted when it holds a quote, a comma, CR, LF or a BOM, or starts
// or ends with a space; quotes inside are doubled. A property test holds this to Papa byte for byte.
// (csv-stringify left a bare CR or LF unquoted under a CRLF record delimiter, adaltas/node-csv#467,
// so a note with a line break split its row in spreadsheets; these rules quote both.)

/** RFC 4180 asks for CRLF between records; every chunk ends with one, so chunks simply concatenate. */
export const RECORD_END = '\r\n';

const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/** One cell as it goes between the commas. */
export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One record, ending in CRLF. Cells must already be neutralised (see csvRecord). */
export function csvLine(cells: readonly string[]): string {
  let line = csvCell(cells[0] ?? '');
  for (let index = 1; index < cells.length; index++) line += `,${csvCell(cells[index] as string)}`;
  return line + RECORD_END;
}

/** The records as CSV, each ending in CRLF. Cells must already be neutralised (see csvRecord). */
export function csvText(records: readonly (readonly string[])[]): string {
  let text = '';
  for (const record of records) text += csvLine(record);
  return text;
}
