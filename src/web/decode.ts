/**
 * A fetched page's bytes -> its text, in the order the HTML standard decides a page's encoding: a byte order
 * mark; the charset of the Content-Type header; a `<meta charset>` (or `http-equiv="Content-Type"`) in the
 * first 1,024 bytes; a `<meta>` later in the head, which a browser obeys by decoding the page again. With no
 * declaration at all, a page that is valid UTF-8 is UTF-8 and any other is windows-1252 (what browsers in
 * English-speaking locales assume).
 *
 * Two mistakes publishers make are caught from the bytes themselves: a page declared UTF-8 that is not (most
 * of its non-ASCII bytes are not UTF-8 sequences: read as windows-1252), and a page declared in a single-byte
 * encoding whose bytes are all well-formed UTF-8 with multi-byte sequences in them (which text in a
 * single-byte encoding practically never is: read as UTF-8).
 *
 * windows-1252 (the encoding every "latin1", "iso-8859-1" and "ascii" label means on the web) is decoded
 * here with its own table: Node's TextDecoder turns its bytes 0x80–0x9F (curly quotes, dashes, the euro
 * sign) into C1 control characters (nodejs/node#56542).
 */

export interface DecodedText {
  text: string;
  /** The encoding's WHATWG name, e.g. `utf-8`, `windows-1252`. */
  encoding: string;
  /** Where the encoding came from, in words: "declared in the Content-Type header", "not declared; ..." */
  how: string;
}

/**
 * windows-1252's bytes 0x80–0x9F (the WHATWG Encoding Standard's index); every other byte is the code point
 * of the same number. The five bytes windows-1252 leaves undefined map to the C1 control of their number.
 */
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Decodes windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_80_9F.charCodeAt(byte - 0x80) : byte,
    );
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/**
 * Encodes text as windows-1252; a character it cannot hold becomes a numeric character reference (`&#…;`),
 * as browsers do. For tests and tools that make pages in a legacy encoding.
 */
export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const high = WINDOWS_1252_80_9F.indexOf(char);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (high >= 0) bytes.push(0x80 + high);
    else for (const c of Buffer.from(`&#${code};`, 'latin1')) bytes.push(c);
  }
  return Buffer.from(bytes);
}

/** A charset label -> the WHATWG encoding name it stands for, or undefined when unknown. */
export function encodingOf(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (name === 'x-user-defined') return 'windows-1252';
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

/** Encodings with one byte per character: where well-formed multi-byte UTF-8 is a sign of a wrong label. */
const isSingleByte = (encoding: string) =>
  /^(windows-125\d|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic|windows-874)$/.test(encoding);

/** How the bytes read as UTF-8: well-formed multi-byte sequences, and bytes that belong to none. */
function utf8Evidence(bytes: Uint8Array): { sequences: number; invalid: number } {
  let sequences = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] as number;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length =
      byte >= 0xc2 && byte <= 0xdf
        ? 2
        : byte >= 0xe0 && byte <= 0xef
          ? 3
          : byte >= 0xf0 && byte <= 0xf4
            ? 4
            : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { sequences, invalid };
}

/** The charset a `<meta>` tag declares (`charset=`, or `http-equiv=content-type` with `content=…charset=`). */
function metaCharset(tag: string): string | undefined {
  const attribute = (name: string) =>
    new RegExp(`[\\s/]${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
      .exec(tag)
      ?.slice(1)
      .find((value) => value !== undefined);
  const charset = attribute('charset');
  if (charset) return charset;
  if (attribute('http-equiv')?.toLowerCase() !== 'content-type') return undefined;
  return /charset\s*=\s*["']?([\w:.-]+)/i.exec(attribute('content') ?? '')?.[1];
}

/** The first encoding a `<meta>` in `markup` declares (comments, scripts and styles skipped), if any. */
function declaredInMeta(markup: string): string | undefined {
  const visible = markup.replace(/<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  for (const [tag] of visible.matchAll(/<meta\b[^>]*>/gi)) {
    const label = metaCharset(tag);
    const encoding = label === undefined ? undefined : encodingOf(label);
    // A page that says UTF-16 in its own bytes cannot be UTF-16 (it was read as ASCII): the standard says UTF-8.
    if (encoding) return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return undefined;
}

/** The XML declaration's encoding (a feed's way to declare it). */
function declaredInXml(start: string): string | undefined {
  const label = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(start)?.[1];
  return label === undefined ? undefined : encodingOf(label);
}

/** The encoding a page declares and where, in the standard's order (the byte order mark aside). */
function declaration(bytes: Uint8Array, contentType: string): { encoding: string; how: string } | undefined {
  const header = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  const fromHeader = header === undefined ? undefined : encodingOf(header);
  if (fromHeader) return { encoding: fromHeader, how: 'declared in the Content-Type header' };
  const start = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const early = declaredInMeta(start) ?? declaredInXml(start);
  if (early) return { encoding: early, how: 'declared at the start of the page' };
  // The head, as far as a parser would read it before the body starts (at most 1 MB).
  const markup = Buffer.from(bytes.subarray(0, 1 << 20)).toString('latin1');
  const bodyAt = markup.search(/<\/head\s*>|<body\b/i);
  const late = declaredInMeta(bodyAt < 0 ? markup : markup.slice(0, bodyAt));
  if (late) return { encoding: late, how: 'declared in a <meta> after the first 1,024 bytes' };
  return undefined;
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

/** Decodes a page or feed (see the module's comment); `contentType` is the response's Content-Type header. */
export function decodePage(bytes: Uint8Array, contentType: string): DecodedText {
  const bom: [number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xfe, 0xff], 'utf-16be'],
    [[0xff, 0xfe], 'utf-16le'],
  ];
  for (const [mark, encoding] of bom)
    if (mark.every((byte, i) => bytes[i] === byte))
      return { text: new TextDecoder(encoding).decode(bytes), encoding, how: 'marked by a byte order mark' };
  const declared = declaration(bytes, contentType);
  const evidence = utf8Evidence(bytes);
  if (!declared) {
    const encoding = evidence.invalid === 0 ? 'utf-8' : 'windows-1252';
    const how =
      encoding === 'utf-8' ? 'not declared; the bytes are UTF-8' : 'not declared; the bytes are not UTF-8';
    return { text: decodeAs(bytes, encoding), encoding, how };
  }
  if (declared.encoding === 'utf-8' && evidence.invalid > evidence.sequences)
    return {
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
      how: `${declared.how} as UTF-8, but the bytes are not UTF-8`,
    };
  if (isSingleByte(declared.encoding) && evidence.invalid === 0 && evidence.sequences > 0)
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      encoding: 'utf-8',
      how: `${declared.how} as ${declared.encoding}, but the bytes are UTF-8`,
    };
  return { text: decodeAs(bytes, declared.encoding), encoding: declared.encoding, how: declared.how };
}
