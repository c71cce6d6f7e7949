// Turns a file's bytes into text without mojibake: UTF-8 when the bytes are valid UTF-8, else Windows-1252
// (or what --encoding says), and a check that the result does not read like double-decoded UTF-8 ("â€™").

/** Windows-1252's 0x80-0x9F block (WHATWG): the printable characters that ISO-8859-1 leaves as C1 controls. */
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const CP1252_REVERSE = new Map<number, number>(Object.entries(CP1252_HIGH).map(([b, cp]) => [cp, Number(b)]));

export type TextEncodingName = 'utf-8' | 'windows-1252';

export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

/** Accepts the usual spellings of the two encodings this importer reads. */
export function parseEncodingName(raw: string): TextEncodingName {
  const v = raw.trim().toLowerCase().replace(/_/g, '-');
  if (v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (['windows-1252', 'cp1252', 'win-1252', 'latin1', 'latin-1', 'iso-8859-1', 'iso8859-1'].includes(v)) return 'windows-1252';
  throw new EncodingError(`unknown encoding "${raw}" (use utf-8 or windows-1252)`);
}

/**
 * Windows-1252 as WHATWG defines it. Node's TextDecoder('windows-1252') returns ISO-8859-1 for 0x80-0x9F in
 * some builds (curly quotes come out as C1 controls), so those code points are mapped again here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCodePoint(CP1252_HIGH[c.charCodeAt(0)] ?? c.charCodeAt(0)));
}

/** The Windows-1252 bytes of `text`, or undefined when a character has none. */
export function encodeWindows1252(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    const mapped = CP1252_REVERSE.get(cp);
    if (mapped !== undefined) out[i] = mapped;
    else if (cp < 0x100) out[i] = cp;
    else return undefined;
  }
  return out;
}

/** UTF-8 read as Windows-1252: "â€™" for ’, "Ã©" for é, "Â " for a no-break space. */
const MOJIBAKE = /[ÃÂ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]|â€[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02dc\u20ac\u2122"]/;

export function looksLikeMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

/** Undoes one round of UTF-8-read-as-Windows-1252 in `text`; returns undefined when that is not what happened. */
export function repairMojibake(text: string): string | undefined {
  if (!looksLikeMojibake(text)) return undefined;
  const bytes = encodeWindows1252(text);
  if (!bytes) return undefined;
  try {
    const fixed = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return fixed !== text && !looksLikeMojibake(fixed) ? fixed : undefined;
  } catch {
    return undefined;
  }
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the encoding was detected rather than given. */
  detected: boolean;
  bom: boolean;
}

/**
 * Decodes a file: a UTF-8 BOM or valid UTF-8 → UTF-8; otherwise Windows-1252. With `encoding` given, that one is
 * used, and the result is refused when it would be mojibake (UTF-8 bytes read as Windows-1252) or invalid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, encoding?: TextEncodingName): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === 'utf-8' || (encoding === undefined && bom)) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', detected: encoding === undefined, bom };
    } catch {
      throw new EncodingError(`not valid UTF-8 (byte ${firstInvalidUtf8(body)}); try --encoding windows-1252`);
    }
  }
  if (encoding === 'windows-1252') {
    const text = decodeWindows1252(body);
    if (looksLikeMojibake(text) && repairMojibake(text) !== undefined) {
      throw new EncodingError('reading this file as windows-1252 gives mojibake ("â€™"-style text): it is UTF-8; drop --encoding');
    }
    return { text, encoding: 'windows-1252', detected: false, bom };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', detected: true, bom };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', detected: true, bom };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (for the error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
