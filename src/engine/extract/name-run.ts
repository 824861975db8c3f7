/**
 * A sentence's tokens and the questions the name rules ask about them: is this token a capitalised name
 * word, are two tokens written next to each other, does an organization follow a possessive.
 */
import { CALENDAR_WORDS, NAME_ABBREVIATIONS, NON_NAME_WORDS, ORG_WORDS, SPEAKER_VERBS } from './lexicon.ts';

export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * A word: letters and digits, with their combining accents ("José" written decomposed), joined by a hyphen, an
 * apostrophe, a full stop or "&"; also by the second byte of a letter UTF-8 text mis-decoded shows as "Ã" and a
 * sign ("FranÃ§ois" for "François"), so such a name stays one word.
 */
const TOKEN =
  /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:[-'’.&]|(?<=Ã|A\u0303)[\u0080-\u00bf])[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
/** Lowercase particles that begin an Arabic or Romance surname: "al-Assad", "de-Souza". */
const SURNAME_PARTICLE = /^(?:al|ad|as|ash|el|ibn|bin|abu|de|di|da|du)-\p{Lu}/u;

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    let end = m.index + m[0].length;
    const lower = m[0].toLowerCase();
    if (sentence[end] === '.' && (NAME_ABBREVIATIONS.has(lower) || /^\p{Lu}$/u.test(m[0]))) end++;
    tokens.push({ text: sentence.slice(m.index, end), start: m.index, end });
  }
  return tokens;
}

/** A token without its possessive ending or full stop. */
export const bare = (token: string) => token.replace(/['’]s$/, '').replace(/\.$/, '');
export const isPossessive = (token: string) => /['’]s$/.test(token);

export interface SentenceTokens {
  sentence: string;
  tokens: Token[];
  /** Token i is a capitalised word that can be part of a name. */
  isCap(i: number): boolean;
  /** Tokens a and b are separated by spaces only. */
  joined(a: number, b: number): boolean;
  /**
   * After a possessive at `j` (its gap to the next token allowed or not): the last token of the capitalised
   * run that follows, when the run holds an organization word ("Revenue Agency", "Party"); else -1.
   */
  organizationAfter(j: number, gapAllowed: boolean): number;
  /** The lowercase bare text of token i ("" past the end). */
  lower(i: number): string;
}

/**
 * lowercaseWords: words the document also writes in lowercase; a capitalised sentence-initial word that
 * is one of them ("Analysts suggest") is an ordinary word, not a name. capitalWords: words the document
 * capitalises away from a sentence start.
 */
export function sentenceTokens(
  sentence: string,
  lowercaseWords: ReadonlySet<string>,
  capitalWords?: ReadonlySet<string>,
): SentenceTokens {
  const tokens = tokenize(sentence);
  const allCaps = (i: number) => {
    const b = bare(tokens[i]?.text ?? '');
    return b.length >= 2 && b === b.toUpperCase() && /\p{Lu}/u.test(b) && !/\d/.test(b) && !b.includes('.');
  };
  // Acronyms are names ("NATO", "CBS"); a long all-caps word, or a run of them, is emphasis.
  const isShouted = (i: number) =>
    allCaps(i) &&
    (bare(tokens[i]?.text ?? '').length >= 5 ||
      (allCaps(i - 1) && bare(tokens[i - 1]?.text ?? '').length >= 4) ||
      (allCaps(i + 1) && bare(tokens[i + 1]?.text ?? '').length >= 4));
  const joined = (a: number, b: number) => {
    const x = tokens[a];
    const y = tokens[b];
    return !!x && !!y && /^[ \u00a0\u202f]+$/.test(sentence.slice(x.end, y.start));
  };
  // a sentence start, also inside a quotation ("... yet. Far from it."), but not after initials ("H. Debus",
  // "G.K. Lane") or an abbreviated title ("Gov. Lane")
  const isInitial = (i: number, t: Token) =>
    i === 0 ||
    /(?:^|["“‘(])\s*$/.test(sentence.slice(0, t.start)) ||
    (/[.!?]\s+$/.test(sentence.slice(0, t.start)) &&
      !/^(?:(?:\p{Lu}\.)+|[A-Z][a-z]{1,3}\.)$/u.test(tokens[i - 1]?.text ?? ''));
  // "Cruz said", "Carson openly defied": a past or reporting verb right after the word, an adverb aside
  const isSubjectOfVerb = (i: number) => {
    let k = i + 1;
    if (/^\p{Ll}+ly$/u.test(tokens[k]?.text ?? '') && joined(k - 1, k)) k++;
    const verb = tokens[k]?.text ?? '';
    return joined(k - 1, k) && (/^\p{Ll}{2,}ed$/u.test(verb) || SPEAKER_VERBS.has(verb));
  };
  const isCap = (i: number): boolean => {
    const t = tokens[i];
    if (!t) return false;
    if (!/^\p{Lu}/u.test(t.text)) return i > 0 && SURNAME_PARTICLE.test(t.text);
    const b = bare(t.text);
    const lower = b.toLowerCase();
    if (CALENDAR_WORDS.has(lower)) return false;
    if (isShouted(i)) return false; // "gone absolutely CRAZY", "VERY ANGRY"
    // a Roman numeral alone ("Grade II") is no name; right after a name it is part of it ("Charles I")
    if (/^[IVXLC]+$/.test(b))
      return i > 0 && /^\p{Lu}\p{Ll}/u.test(tokens[i - 1]?.text ?? '') && joined(i - 1, i) && isCap(i - 1);
    const initial = isInitial(i, t);
    if (initial && (NON_NAME_WORDS.has(lower) || lowercaseWords.has(lower))) return false;
    // A sentence-initial word the document never capitalises elsewhere ("Analysts suggest") is not a name,
    // unless another capitalised word follows it, or it is the subject of a verb and no plural of a word the
    // document writes in lowercase nor an adverb ("Cruz openly admitted", not "Officials warned" nor
    // "Succinctly stated").
    if (
      initial &&
      capitalWords &&
      !capitalWords.has(lower) &&
      !(/^\p{Lu}/u.test(tokens[i + 1]?.text ?? '') && joined(i, i + 1)) &&
      !(isSubjectOfVerb(i) && !lowercaseWords.has(lower.replace(/s$/, '')) && !/ly$/.test(lower))
    )
      return false;
    if (NON_NAME_WORDS.has(lower) && lower.length <= 3 && !initial) return lower === 'st';
    return true;
  };
  const organizationAfter = (j: number, gapAllowed: boolean): number => {
    let k = j + 1;
    while (isCap(k) && (k === j + 1 ? gapAllowed : joined(k - 1, k)) && !isPossessive(tokens[k]?.text ?? ''))
      k++;
    const tail = tokens.slice(j + 1, k).map((t) => bare(t.text).toLowerCase());
    return k > j + 1 && tail.some((w) => ORG_WORDS.has(w)) ? k - 1 : -1;
  };
  const lower = (i: number) => bare(tokens[i]?.text ?? '').toLowerCase();
  return { sentence, tokens, isCap, joined, organizationAfter, lower };
}
