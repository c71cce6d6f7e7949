// The importer's CSV reader and text decoding: quoted fields, line breaks inside quotes, line numbers of records,
// malformed records; UTF-8 vs Windows-1252 detection and refusing to produce mojibake.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/import/csv.ts';
import {
  decodeBytes,
  decodeWindows1252,
  EncodingError,
  encodeWindows1252,
  looksLikeMojibake,
  parseEncodingName,
  repairMojibake,
} from '../../server/import/encoding.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['plain', '', 'end'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('handles CRLF, a lone CR, a missing final line break, blank lines and a trailing empty field', () => {
    expect(parseCsv('a,b\r\n\r\nc,d').map((r) => [r.fields, r.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 3],
    ]);
    expect(parseCsv('a\rb\r').map((r) => r.fields)).toEqual([['a'], ['b']]);
    expect(parseCsv('a,b,\n').map((r) => r.fields)).toEqual([['a', 'b', '']]);
  });

  it('flags text after a closing quote and goes on with the next record', () => {
    const records = parseCsv('"ok",1\n"bad"x,2\n"next",3\n');
    expect(records[1]).toMatchObject({ line: 2, error: 'unexpected text after a closing quote in field 1', fields: ['badx', '2'] });
    expect(records[2]).toEqual({ fields: ['next', '3'], line: 3 });
  });

  it('reports an unterminated quote with the line it opens on', () => {
    const records = parseCsv('a,b\n"open,2\nmore\n');
    expect(records[1]!.error).toBe('unterminated quoted field (the quote opens on line 2)');
  });
});

describe('decoding', () => {
  it('maps Windows-1252 0x80-0x9F to the characters it means (not C1 controls)', () => {
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x41, 0x94, 0x92, 0xe9, 0x80, 0x96]))).toBe('“A”’é€–');
    expect(encodeWindows1252('“A”’é€–')).toEqual(Uint8Array.from([0x93, 0x41, 0x94, 0x92, 0xe9, 0x80, 0x96]));
    expect(encodeWindows1252('漢')).toBeUndefined();
  });

  it('detects UTF-8, falls back to Windows-1252 for invalid UTF-8, and strips a BOM', () => {
    expect(decodeBytes(new TextEncoder().encode('Montréal ’'))).toMatchObject({ text: 'Montréal ’', encoding: 'utf-8', detected: true });
    expect(decodeBytes(Uint8Array.from([0x4d, 0x6f, 0x6e, 0x74, 0x72, 0xe9, 0x61, 0x6c, 0x20, 0x92]))).toMatchObject({ text: 'Montréal ’', encoding: 'windows-1252' });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ text: 'a', bom: true, encoding: 'utf-8' });
  });

  it('refuses an --encoding that does not fit the bytes', () => {
    expect(() => decodeBytes(Uint8Array.from([0x61, 0xe9, 0x62]), 'utf-8')).toThrow(/not valid UTF-8 \(byte 1\)/);
    // UTF-8 read as Windows-1252 is exactly mojibake: refused rather than written.
    expect(() => decodeBytes(new TextEncoder().encode('the CE’s server'), 'windows-1252')).toThrow(EncodingError);
    expect(decodeBytes(Uint8Array.from([0x61, 0x92, 0x73]), 'windows-1252').text).toBe('a’s');
  });

  it('spots and repairs text that was already double-encoded', () => {
    expect(looksLikeMojibake('the CEâ€™s server')).toBe(true);
    expect(repairMojibake('the CEâ€™s server')).toBe('the CE’s server');
    expect(repairMojibake('Montréal')).toBeUndefined();
    expect(looksLikeMojibake('Montréal “quoted”')).toBe(false);
  });

  it('accepts the usual spellings of an encoding', () => {
    expect(parseEncodingName('UTF8')).toBe('utf-8');
    expect(parseEncodingName('cp1252')).toBe('windows-1252');
    expect(parseEncodingName('latin1')).toBe('windows-1252');
    expect(() => parseEncodingName('ebcdic')).toThrow(/unknown encoding/);
  });
});
