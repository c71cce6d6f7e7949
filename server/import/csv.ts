// A small RFC 4180 CSV reader: quoted fields with "" escapes, commas and line breaks (LF, CRLF, CR) inside quotes,
// and the line each record starts on, so a problem can be reported as "breach.csv line 214".

export interface CsvRecord {
  /** The record's fields, unquoted. */
  fields: string[];
  /** 1-based line of the file on which the record starts. */
  line: number;
  /** Set when the record is malformed (the fields are then a best effort). */
  error?: string;
}

/**
 * Splits `text` into records. Never throws: a malformed record (text after a closing quote, an unterminated
 * quote) carries `error`, and reading goes on with the next record. Blank lines are skipped.
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    let endOfRecord = false;
    // One record: fields until an unquoted line break or the end of the text.
    while (!endOfRecord) {
      let value = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          value += c;
          i++;
        }
        if (!closed) {
          error ??= `unterminated quoted field (the quote opens on line ${openLine})`;
        } else if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          // "abc"def: keep the stray text, flag the record.
          error ??= `unexpected text after a closing quote in field ${fields.length + 1}`;
          while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
        }
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === delimiter) {
        i++;
        if (i >= n) {
          fields.push('');
          endOfRecord = true;
        }
      } else {
        // A line break ends the record.
        if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
        else i++;
        line++;
        endOfRecord = true;
      }
    }
    if (fields.length === 1 && fields[0] === '' && error === undefined) continue; // blank line
    records.push(error === undefined ? { fields, line: startLine } : { fields, line: startLine, error });
  }
  return records;
}
