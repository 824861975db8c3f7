/**
 * Headlines in title case ("Dal Takes Harbour Fight To The Voters"): every word capitalised, so their runs of
 * capitalised words are no evidence of a name; a name counts only where the body writes it too.
 */

/** A word of four letters or more that starts in lowercase (and is no part of a longer one). */
const LOWERCASE_WORD = /(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]{3}/u;

/**
 * A line in title case: five words or more, none of four letters or more in lowercase, and after its first word a
 * capitalised word the document also writes in lowercase ("Takes", "For").
 */
export function isTitleCase(text: string, lower: ReadonlySet<string>): boolean {
  // (every paragraph is asked: one lowercase word of four letters, as body text has, answers without the words)
  if (LOWERCASE_WORD.test(text)) return false;
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 5 || words.some((w) => w.length >= 4 && /^\p{Ll}/u.test(w))) return false;
  return words.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w) && lower.has(w.toLowerCase()));
}

/** Whether `body` writes `name` outside [from, to). */
export function writtenOutside(body: string, name: string, from: number, to: number): boolean {
  for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1))
    if (at < from || at >= to) return true;
  return false;
}
