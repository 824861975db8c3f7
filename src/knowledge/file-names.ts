/**
 * Which file names a moderator may give a document, and how a name of any kind is shown safely.
 *
 * A name becomes a file on the server and a line in /kb replies, so it is held to a small alphabet: letters
 * (with their combining marks, for scripts that need them), digits, space, `.`, `-` and `_`, after Unicode
 * NFC normalisation. That leaves out everything that can hide or reorder text (right-to-left overrides,
 * zero-width characters), break a line (newlines) or break the file system (NUL, slashes, overlong names).
 */

/** The longest name accepted, in characters (Unicode code points) after normalisation. */
export const FILE_NAME_MAX_CHARS = 100;
/**
 * The longest name accepted in UTF-8 bytes: file systems allow 255 per name, and a removed or replaced
 * document's name in the trash gets its time and a tag in front (`2026-11-29T02-15-14-123Z-1a2b-`, 30 bytes),
 * so every name accepted can also be trashed, then added again.
 */
export const FILE_NAME_MAX_BYTES = 255 - 30;

const ALLOWED = /^[\p{L}\p{M}\p{N} ._-]+$/u;
const ALLOWED_CHAR = /[\p{L}\p{M}\p{N} ._-]/u;

/** Characters shown as their code (U+XXXX) rather than as themselves: controls, format and separator marks. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A name as it can be shown on one line: every invisible or control character written as {U+XXXX}. */
export function printableName(name: string): string {
  return [...name]
    .map((char) => (char !== ' ' && UNPRINTABLE.test(char) ? `{${codePoint(char)}}` : char))
    .join('');
}

/** The name a document is stored under: the NFC form of what was given. */
export function normalizeFileName(name: string): string {
  return name.normalize('NFC');
}

/** Why `name` (already normalised) cannot be a document's file name; undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length === 0) return 'the file name is empty';
  if (length > FILE_NAME_MAX_CHARS)
    return `the file name is ${length} characters long; the limit is ${FILE_NAME_MAX_CHARS}`;
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > FILE_NAME_MAX_BYTES)
    return `the file name takes ${bytes} bytes (letters beyond a-z take 2 to 4 each); the limit is ${FILE_NAME_MAX_BYTES}: shorten it`;
  if (name.startsWith('.')) return 'the file name must not start with a dot';
  if (name.trim() !== name) return 'the file name must not start or end with a space';
  if (!ALLOWED.test(name)) {
    const refused = [...new Set([...name].filter((char) => !ALLOWED_CHAR.test(char)))];
    const shown = refused.map((char) => (UNPRINTABLE.test(char) ? codePoint(char) : `"${char}"`));
    return (
      `the file name may only hold letters, digits, spaces, ".", "-" and "_"; ` +
      `it contains ${shown.slice(0, 5).join(', ')}${refused.length > 5 ? ', …' : ''}`
    );
  }
  return undefined;
}
